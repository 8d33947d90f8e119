-- :checkhealth afterburner
local M = {}

local health = vim.health or require("health")
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local error = health.error or health.report_error
local info = health.info or health.report_info

local PATHS = {
  config = "vim.lsp.config() + vim.lsp.enable() (Neovim 0.11+)",
  start = "vim.lsp.start() on FileType (Neovim 0.8+)",
  start_client = "vim.lsp.start_client() + vim.lsp.buf_attach_client() (Neovim 0.7)",
}

local function run(argv)
  local out = vim.fn.system(argv)
  return vim.v.shell_error, out
end

function M.check()
  start("afterburner")
  local ab = require("afterburner")
  local v = vim.version()
  local version = string.format("%d.%d.%d", v.major, v.minor, v.patch)
  if vim.fn.has("nvim-0.7") == 0 then
    error("Neovim " .. version .. " is too old: Afterburner needs 0.7 or newer")
  else
    ok("Neovim " .. version .. ": " .. PATHS[ab.api_path()])
  end
  local opts = ab.options
  if not opts then
    warn('require("afterburner").setup() has not been called; checking the default command')
    opts = ab.defaults
  end

  local cmd = opts.cmd
  local exe = cmd[1]
  if vim.fn.executable(exe) ~= 1 then
    error(
      "`" .. exe .. "` is not executable",
      { "pip install -e /path/to/afterburner (a clone of the repository), or set cmd = { '/path/to/afterburner', 'serve' }" }
    )
    return
  end
  ok("executable: " .. vim.fn.exepath(exe))

  local argv = vim.deepcopy(cmd)
  table.insert(argv, "--help")
  local code, out = run(argv)
  if code == 0 and out:find("usage:", 1, true) then
    ok("`" .. table.concat(argv, " ") .. "` works")
  else
    error("`" .. table.concat(argv, " ") .. "` failed (exit " .. code .. "):\n" .. out)
    return
  end

  -- the version: `--version` where the CLI has it, else what a running server announced
  local found
  if cmd[#cmd] == "serve" then
    local vargv = vim.list_slice(cmd, 1, #cmd - 1)
    table.insert(vargv, "--version")
    local vcode, vout = run(vargv)
    if vcode == 0 then
      found = vim.trim(vout)
    end
  end
  if not found then
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      local client = vim.api.nvim_buf_is_loaded(bufnr) and ab.client(bufnr)
      if client and client.server_info and client.server_info.version then
        found = client.server_info.name .. " " .. client.server_info.version
        break
      end
    end
  end
  if found then
    ok("server version: " .. found)
  else
    info("server version: unknown (the CLI has no --version flag; open a Python file on 0.9+ "
      .. "to read it from the running server)")
  end

  local attached = 0
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and ab.client(bufnr) then
      attached = attached + 1
    end
  end
  local shown = vim.deepcopy(opts.settings or {})
  if type(shown.afterburner) == "table" then
    shown = shown.afterburner
  end
  if shown.apiKey then
    shown.apiKey = "***"
  end
  local text = vim.inspect(shown, { newline = " ", indent = "" })
  info(string.format("attached to %d buffer(s); settings: %s", attached, text))
end

return M
