"""The seccomp filter every worker runs under: a classic BPF program, built here by hand so
that it needs no libseccomp in the workspace's interpreter, and the same bytes serve our own
jail (`install`) and bubblewrap (`bwrap --seccomp FD` reads exactly this format).

Denied with EPERM: the calls that rebuild or leave the jail (mount family, namespaces,
pivot_root, chroot), that reach into other processes (ptrace, process_vm_*), kernel-wide
state (keyrings, bpf, perf, modules, kexec, clocks, swap, reboot, syslog), io_uring (its
operations bypass this filter), and AF_UNIX sockets (a host socket on the read-only
filesystem is still connectable; socketpair stays allowed). `clone` may not create
namespaces; `clone3` answers ENOSYS, so libc falls back to `clone`, whose flags a filter
can read (the same choice as Docker's and Flatpak's profiles).
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

_LD_W_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_CLONE_NS_FLAGS = 0x7E020000  # NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET
_AF_UNIX = 1

# name -> (x86_64, aarch64)
_DENIED = {
    "mount": (165, 40),
    "umount2": (166, 39),
    "pivot_root": (155, 41),
    "chroot": (161, 51),
    "unshare": (272, 97),
    "setns": (308, 268),
    "open_tree": (428, 428),
    "move_mount": (429, 429),
    "fsopen": (430, 430),
    "fsconfig": (431, 431),
    "fsmount": (432, 432),
    "fspick": (433, 433),
    "mount_setattr": (442, 442),
    "ptrace": (101, 117),
    "process_vm_readv": (310, 270),
    "process_vm_writev": (311, 271),
    "keyctl": (250, 219),
    "add_key": (248, 217),
    "request_key": (249, 218),
    "bpf": (321, 280),
    "perf_event_open": (298, 241),
    "userfaultfd": (323, 282),
    "init_module": (175, 105),
    "finit_module": (313, 273),
    "delete_module": (176, 106),
    "kexec_load": (246, 104),
    "kexec_file_load": (320, 294),
    "reboot": (169, 142),
    "swapon": (167, 224),
    "swapoff": (168, 225),
    "syslog": (103, 116),
    "acct": (163, 89),
    "settimeofday": (164, 170),
    "clock_settime": (227, 112),
    "clock_adjtime": (305, 266),
    "adjtimex": (159, 171),
    "open_by_handle_at": (304, 265),
    "io_uring_setup": (425, 425),
    "io_uring_enter": (426, 426),
    "io_uring_register": (427, 427),
}
DENIED_NAMES = tuple(_DENIED)
_ARCHES = {"x86_64": (0, 0xC000003E, 41, 56), "aarch64": (1, 0xC00000B7, 198, 220)}
_CLONE3 = 435


def supported() -> bool:
    return platform.machine() in _ARCHES


def program() -> bytes:
    """The filter as `struct sock_filter[]` bytes for this machine's architecture."""
    column, audit_arch, nr_socket, nr_clone = _ARCHES[platform.machine()]
    deny = [nrs[column] for nrs in _DENIED.values()]
    # Instructions as (code, jt, jf, k); jumps are relative to the next instruction and are
    # resolved against the named tails at the end.
    body: list[tuple[int, object, object, int]] = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ, 0, "deny", audit_arch),
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
    ]
    if column == 0:
        body.append((_JGE, "deny", 0, 0x40000000))  # x32 syscalls on x86_64
    body += [(_JEQ, "deny", 0, nr) for nr in deny]
    body += [
        (_JEQ, "enosys", 0, _CLONE3),
        (_JEQ, "socket", 0, nr_socket),
        (_JEQ, "clone", 0, nr_clone),
        (_RET, 0, 0, _ALLOW),
    ]
    tails = {
        "socket": [(_LD_W_ABS, 0, 0, 16), (_JEQ, "deny", 0, _AF_UNIX), (_RET, 0, 0, _ALLOW)],
        "clone": [(_LD_W_ABS, 0, 0, 16), (_JSET, "deny", 0, _CLONE_NS_FLAGS), (_RET, 0, 0, _ALLOW)],
        "enosys": [(_RET, 0, 0, _ERRNO | errno.ENOSYS)],
        "deny": [(_RET, 0, 0, _ERRNO | errno.EPERM)],
    }
    code = list(body)
    labels: dict[str, int] = {}
    for name, insns in tails.items():
        labels[name] = len(code)
        code += insns
    out = bytearray()
    for index, (op, jt, jf, k) in enumerate(code):
        jumps = [labels[j] - index - 1 if isinstance(j, str) else j for j in (jt, jf)]
        if not all(0 <= j < 256 for j in jumps):
            raise ValueError("seccomp jump out of range")
        out += struct.pack("=HBBI", op, jumps[0], jumps[1], k)
    return bytes(out)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install(libc: ctypes.CDLL) -> None:
    """Load the filter into this process (no_new_privs must already be set)."""
    code = program()
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    pr_set_seccomp, seccomp_mode_filter = 22, 2
    if libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(prog), 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"seccomp: {errno.errorcode.get(err, err)}")
