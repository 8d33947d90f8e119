"""The Neovim client (editors/nvim) driving the real server, headless: hover, the optimize
command with its progress, and accepting the rewrite from `vim.lsp.buf.code_action()`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, case_dirs, make_workspace

# AFTERBURNER_NVIM: another nvim binary; AFTERBURNER_NVIM_API: force a start path of the plugin
# ("config" 0.11+, "start" 0.8+, "start_client" 0.7), e.g. "start" on a 0.11 build
NVIM = shutil.which(os.environ.get("AFTERBURNER_NVIM") or "nvim")
API = os.environ.get("AFTERBURNER_NVIM_API", "")
CASE = next((c for c in case_dirs() if c.name.startswith("p03")), None)
PLUGIN = REPO / "editors" / "nvim"
pytestmark = [
    pytest.mark.skipif(NVIM is None, reason="nvim is not on PATH"),
    pytest.mark.skipif(CASE is None, reason="tests/fixtures/cases is not present"),
    pytest.mark.slow,
]
NVIM_TIMEOUT_S = 240  # the whole headless session; each step below has its own, shorter bound

# Runs inside `nvim --headless --clean`; reads its parameters from $AFTERBURNER_NVIM_TEST and
# writes what it saw as JSON to cfg.out after every step, so a hang still leaves a trace.
DRIVER = r"""
local lines = vim.fn.readfile(os.getenv("AFTERBURNER_NVIM_TEST"))
local cfg = vim.fn.json_decode(table.concat(lines, "\n"))
local results = { steps = {}, messages = {}, echoed = {} }
local function save()
  vim.fn.writefile({ vim.fn.json_encode(results) }, cfg.out)
end
local function step(name)
  table.insert(results.steps, name)
  save()
end
local function now_ms()
  return (vim.uv or vim.loop).hrtime() / 1e6
end

-- record what a user would see: echoed progress, notifications, server messages
local echo = vim.api.nvim_echo
vim.api.nvim_echo = function(chunks, history, opts)
  local parts = {}
  for _, c in ipairs(chunks) do
    table.insert(parts, c[1])
  end
  table.insert(results.echoed, table.concat(parts))
  return echo(chunks, history, opts)
end
local notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(results.messages, tostring(msg))
  return notify(msg, level, opts)
end
local out_write = vim.api.nvim_out_write
vim.api.nvim_out_write = function(s)
  table.insert(results.messages, s)
  return out_write(s)
end

local function buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
end

local function main()
  vim.opt.runtimepath:prepend(cfg.plugin)
  local set_level = vim.lsp.log and vim.lsp.log.set_level or vim.lsp.set_log_level
  set_level(cfg.log_level)
  results.lsp_log = (vim.lsp.log and vim.lsp.log.get_filename or vim.lsp.get_log_path)()
  local v = vim.version()
  results.nvim = string.format("%d.%d.%d", v.major, v.minor, v.patch)
  local ab = require("afterburner")
  ab.setup({ cmd = cfg.cmd, settings = cfg.settings, api = cfg.api ~= "" and cfg.api or nil })
  results.api = ab.api_path()

  vim.cmd("edit " .. vim.fn.fnameescape(cfg.file))
  local buf = vim.api.nvim_get_current_buf()
  if vim.bo[buf].filetype ~= "python" then
    vim.bo[buf].filetype = "python" -- in case filetype detection is off
  end
  results.filetype = vim.bo[buf].filetype
  step("opened")

  local client
  local attached = vim.wait(cfg.attach_ms, function()
    client = ab.client(buf)
    return client ~= nil and client.initialized ~= false
  end, 100)
  assert(attached, "the Afterburner client did not attach within " .. cfg.attach_ms .. " ms")
  results.root_dir = client.config.root_dir
  step("attached")

  local def
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:match("^def round_robin") then
      def = i - 1
      break
    end
  end
  assert(def, "no `def round_robin` line")
  local uri = vim.uri_from_bufnr(buf)

  -- hover, retried until the server has the document
  local deadline = now_ms() + cfg.request_ms
  repeat
    local res = vim.lsp.buf_request_sync(buf, "textDocument/hover", {
      textDocument = { uri = uri },
      position = { line = def, character = 4 },
    }, cfg.request_ms)
    for _, r in pairs(res or {}) do
      if type(r.result) == "table" and r.result.contents then
        local c = r.result.contents
        results.hover = type(c) == "table" and (c.value or c[1]) or c
      end
    end
    if not results.hover then
      vim.wait(200)
    end
  until results.hover or now_ms() > deadline
  step("hover")

  -- :AfterburnerScan fills the quickfix list, hottest first
  ab.last = nil
  vim.cmd("AfterburnerScan")
  assert(vim.wait(cfg.optimize_ms, function()
    return ab.last ~= nil
  end, 200), "scan did not finish within " .. cfg.optimize_ms .. " ms")
  results.scan_err = ab.last.err
  results.quickfix = {}
  for _, item in ipairs(vim.fn.getqflist()) do
    table.insert(results.quickfix, { file = vim.api.nvim_buf_get_name(item.bufnr),
                                     lnum = item.lnum, text = item.text })
  end
  results.quickfix_title = vim.fn.getqflist({ title = 1 }).title
  vim.cmd("cclose")
  vim.api.nvim_set_current_buf(buf)
  step("scanned")

  -- :AfterburnerOptimize with the cursor inside the function body
  vim.api.nvim_win_set_cursor(0, { def + 5, 4 })
  ab.last = nil
  local started = now_ms()
  vim.cmd("AfterburnerOptimize")
  local done = vim.wait(cfg.optimize_ms, function()
    return ab.last ~= nil
  end, 200)
  assert(done, "optimize did not finish within " .. cfg.optimize_ms .. " ms")
  results.optimize_s = (now_ms() - started) / 1000
  results.optimize = { err = ab.last.err, result = ab.last.result }
  step("optimized")

  local res = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = def, character = 0 }, ["end"] = { line = def, character = 0 } },
    context = { diagnostics = {} },
  }, cfg.request_ms)
  results.actions = {}
  for _, r in pairs(res or {}) do
    for _, action in ipairs(type(r.result) == "table" and r.result or {}) do
      table.insert(results.actions, action.title)
    end
  end
  step("actions")

  -- accept the rewrite the way a user does: vim.lsp.buf.code_action() and its menu
  local before = buffer_text(buf)
  vim.api.nvim_win_set_cursor(0, { def + 1, 0 })
  vim.ui.select = function(items, opts, on_choice)
    results.menu_prompt = opts.prompt
    results.menu = {}
    local pick
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(results.menu, title)
      if pick == nil and title:find("Apply ", 1, true) then
        pick = i
      end
    end
    on_choice(pick and items[pick] or nil, pick)
  end
  vim.lsp.buf.code_action()
  results.applied = vim.wait(cfg.request_ms, function()
    return buffer_text(buf) ~= before
  end, 100)
  step("applied")

  vim.cmd("write")
  step("written")
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  results.error = err
end
results.finished = true
save()
vim.cmd(ok and "qall!" or "cquit 1")
"""


def run_nvim(tmp_path: Path, ws: Path, api: str = API) -> tuple[dict, str]:
    out = tmp_path / "result.json"
    config = tmp_path / "driver.json"
    config.write_text(
        json.dumps(
            {
                "plugin": str(PLUGIN),
                "cmd": [sys.executable, "-m", "afterburner.server.cli", "serve"],
                "settings": {"backend": "rules", "rounds": 1, "k": 2},
                "file": str(ws / "mod.py"),
                "out": str(out),
                "api": api,
                "log_level": "warn",
                "attach_ms": 60_000,
                "request_ms": 15_000,
                "optimize_ms": 180_000,
            }
        )
    )
    driver = tmp_path / "driver.lua"
    driver.write_text(DRIVER)
    home = tmp_path / "nvim-home"
    env = dict(
        os.environ,
        AFTERBURNER_NVIM_TEST=str(config),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    proc = subprocess.Popen(
        [NVIM, "--headless", "--clean", "-c", f"luafile {driver}"],
        cwd=ws,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # the server and its sandbox workers die with the group
    )
    try:
        output, _ = proc.communicate(timeout=NVIM_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    text = output.decode(errors="replace")
    result = json.loads(out.read_text()) if out.exists() else {}
    logs = [p for p in home.rglob("lsp.log")]
    if logs:
        text += "\n--- lsp.log ---\n" + logs[0].read_text(errors="replace")[-4000:]
    return result, text


def test_nvim_hover_optimize_and_accept_the_rewrite(tmp_path: Path):
    ws = make_workspace(CASE, tmp_path / "ws")
    for name in ("mod.py", "test_mod.py"):  # the cases are read-only; a user's files are not
        (ws / name).chmod(0o644)
    original = (ws / "mod.py").read_text()
    r, output = run_nvim(tmp_path, ws)
    trace = f"{json.dumps(r, indent=1, ensure_ascii=False)[-6000:]}\n{output[-6000:]}"

    assert r.get("finished") and not r.get("error"), trace
    assert Path(r["root_dir"]).resolve() == ws.resolve(), trace
    assert "Not measured yet" in r["hover"], trace
    assert r.get("scan_err") is None and r["quickfix_title"].startswith("Afterburner scan"), trace
    first = r["quickfix"][0]
    assert Path(first["file"]).name == "mod.py" and first["text"].endswith("round_robin"), trace
    assert original.splitlines()[first["lnum"] - 1].startswith("def round_robin"), trace
    assert r["optimize"].get("err") is None and r["optimize"]["result"]["speedup"] > 1, trace
    assert any(e.startswith("Afterburner: Optimizing round_robin") for e in r["echoed"]), trace

    applies = [t for t in r["actions"] if t.startswith("Apply ")]
    assert applies, trace
    assert "faster round_robin" in applies[0] and "95% CI" in applies[0], trace
    assert any("Apply " in t for t in r["menu"]), trace
    assert r["applied"], trace

    edited = (ws / "mod.py").read_text()
    assert edited != original, trace
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=ws,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:] + edited
