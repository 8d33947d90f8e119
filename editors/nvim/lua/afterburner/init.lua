-- Afterburner for Neovim: starts `afterburner serve` for Python buffers and adds its commands.
-- Everything else (hover, code actions, code lens, diagnostics) is plain LSP handled by
-- Neovim's built-in client. Supports 0.11+ (vim.lsp.config/enable), 0.8+ (vim.lsp.start)
-- and 0.7 (vim.lsp.start_client + vim.lsp.buf_attach_client).

local M = {}

local NAME = "afterburner"
local uv = vim.uv or vim.loop

M.defaults = {
  cmd = { "afterburner", "serve" },
  filetypes = { "python" },
  root_markers = { "pyproject.toml", "setup.py", ".git" },
  -- the `afterburner` settings section: backend, baseUrl, model, apiKey, device, rounds, k,
  -- temperature, timeBudget, threshold, profileOnSave, python
  settings = {},
  progress = true, -- echo work-done progress ("Afterburner: Optimizing f (rules): verify (40%)")
  codelens = true, -- refresh code lenses on attach, enter, save and after a command
  on_attach = nil, -- function(client, bufnr), called after Afterburner's own
  capabilities = nil, -- client capabilities; Neovim's defaults when nil
  api = nil, -- "config" | "start" | "start_client": forced start path (default: by version)
}

M.options = nil
M.last = nil -- { command, err, result } of the last command; also `User AfterburnerCommandDone`

local function has(version)
  return vim.fn.has("nvim-" .. version) == 1
end

--- Which start path this Neovim uses: "config" (0.11+), "start" (0.8+), "start_client" (0.7).
function M.api_path(opts)
  opts = opts or M.options or M.defaults
  if opts.api then
    return opts.api
  end
  if has("0.11") and vim.lsp.config and vim.lsp.enable then
    return "config"
  end
  if has("0.8") and vim.lsp.start then
    return "start"
  end
  return "start_client"
end

--- The nearest directory above `fname` holding a root marker, else the file's directory.
function M.root_dir(fname)
  local markers = (M.options or M.defaults).root_markers
  local dir = vim.fn.fnamemodify(fname, ":p:h")
  local d = dir
  while d ~= nil and d ~= "" do
    for _, marker in ipairs(markers) do
      if uv.fs_stat(d .. "/" .. marker) then
        return d
      end
    end
    local parent = vim.fn.fnamemodify(d, ":h")
    if parent == d then
      break
    end
    d = parent
  end
  return dir
end

local function notify(text, level)
  vim.notify("Afterburner: " .. text, level or vim.log.levels.INFO)
end

local function request(client, method, params, handler, bufnr)
  if has("0.11") then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- The Afterburner client attached to a buffer (default: the current one), or nil.
function M.client(bufnr)
  if bufnr == nil or bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  local list
  if vim.lsp.get_clients then
    list = vim.lsp.get_clients({ bufnr = bufnr, name = NAME })
  else
    list = vim.tbl_values(vim.lsp.buf_get_clients(bufnr) or {})
  end
  for _, client in ipairs(list) do
    if client.name == NAME then
      return client
    end
  end
  return nil
end

local function refresh_lens(bufnr)
  if M.options and M.options.codelens and vim.lsp.codelens then
    local client = M.client(bufnr)
    if client and vim.api.nvim_get_current_buf() == bufnr then
      pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
    end
  end
end

-- $/progress: keep Neovim's own bookkeeping (statusline plugins read it) and echo the message.
local running = {} -- tostring(token) -> { title, token, client_id }
local function progress_handler(err, result, ctx, config)
  local default = vim.lsp.handlers["$/progress"]
  local ret
  if default then
    ret = default(err, result, ctx, config)
  end
  local value = result and result.value
  if type(value) ~= "table" or not value.kind then
    return ret
  end
  local key = tostring(result.token)
  if value.kind == "begin" then
    running[key] = { title = value.title, token = result.token, client_id = ctx.client_id }
  end
  local title = running[key] and running[key].title or "working"
  if value.kind == "end" then
    running[key] = nil
  end
  if M.options and M.options.progress then
    local text = "Afterburner: " .. title
    if value.message and value.message ~= "" then
      text = text .. ": " .. value.message
    end
    if value.kind ~= "end" and value.percentage then
      text = text .. string.format(" (%d%%)", value.percentage)
    end
    vim.api.nvim_echo({ { text } }, value.kind == "end", {})
  end
  return ret
end

--- Cancel every running profile/optimize job (window/workDoneProgress/cancel).
function M.cancel()
  local count = 0
  for key, job in pairs(running) do
    local client = vim.lsp.get_client_by_id(job.client_id)
    if client then
      local params = { token = job.token }
      if has("0.11") then
        client:notify("window/workDoneProgress/cancel", params)
      else
        client.notify("window/workDoneProgress/cancel", params)
      end
      count = count + 1
    else
      running[key] = nil
    end
  end
  if count == 0 then
    notify("nothing is running")
  end
  return count
end

local function on_attach(opts)
  return function(client, bufnr)
    if opts.codelens and vim.lsp.codelens then
      local group = vim.api.nvim_create_augroup("afterburner_lens_" .. bufnr, { clear = true })
      vim.api.nvim_create_autocmd({ "BufEnter", "BufWritePost", "InsertLeave" }, {
        group = group,
        buffer = bufnr,
        callback = function()
          refresh_lens(bufnr)
        end,
      })
      refresh_lens(bufnr)
    end
    if opts.on_attach then
      opts.on_attach(client, bufnr)
    end
  end
end

local function section(settings)
  settings = settings or {}
  if type(settings.afterburner) == "table" then
    settings = settings.afterburner
  end
  return settings
end

--- The client configuration shared by every start path (without root_dir).
function M.lsp_config(opts)
  opts = opts or M.options
  local s = section(opts.settings)
  local empty = next(s) == nil
  return {
    name = NAME,
    cmd = opts.cmd,
    -- answers workspace/configuration for section `afterburner`; an empty Lua table would
    -- encode as a JSON array, hence vim.empty_dict()
    settings = { afterburner = empty and vim.empty_dict() or s },
    init_options = (not empty) and s or nil,
    handlers = { ["$/progress"] = progress_handler },
    capabilities = opts.capabilities,
    on_attach = on_attach(opts),
  }
end

local function wanted(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  local fname = vim.api.nvim_buf_get_name(bufnr)
  if fname == "" then
    return nil
  end
  return fname
end

local started = {} -- 0.7: root dir -> client id

local function start_buffer(bufnr)
  local fname = wanted(bufnr)
  if not fname then
    return
  end
  local root = M.root_dir(fname)
  local path = M.api_path(M.options)
  if path == "start" then
    local config = M.lsp_config(M.options)
    config.root_dir = root
    vim.api.nvim_buf_call(bufnr, function()
      vim.lsp.start(config, { bufnr = bufnr })
    end)
    return
  end
  local id = started[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    local config = M.lsp_config(M.options)
    config.root_dir = root
    id = vim.lsp.start_client(config)
    started[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- `workspace/executeCommand`, asynchronously: `M.last` holds the answer, errors are
--- notified, `on_result(result)` handles a success, lenses are refreshed, `on_done(err,
--- result)` is called and `User AfterburnerCommandDone` fires.
local function run(client, bufnr, command, arguments, on_result, on_done)
  local params = { command = command, arguments = arguments }
  request(client, "workspace/executeCommand", params, function(err, result)
    M.last = { command = command, err = err, result = result }
    if err then
      notify(command .. " failed: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    elseif result and on_result then
      on_result(result)
    end
    refresh_lens(bufnr)
    if on_done then
      on_done(err, result)
    end
    vim.api.nvim_command("doautocmd <nomodeline> User AfterburnerCommandDone")
  end, bufnr)
  return true
end

--- The scan's ranking as the quickfix list, hottest first.
local function fill_quickfix(result)
  local items = {}
  for _, f in ipairs(result.functions or {}) do
    local calls = (f.calls ~= vim.NIL and f.calls ~= nil) and (" · " .. f.calls .. " calls") or ""
    table.insert(items, {
      filename = vim.uri_to_fname(f.uri),
      lnum = f.line + 1,
      col = 1,
      text = string.format("%.1f%% self, %.1f%% with callees%s · %s", 100 * f.self_share,
        100 * f.total_share, calls, f.qualname),
    })
  end
  vim.fn.setqflist({}, " ", { title = "Afterburner scan: " .. result.workload, items = items })
  if #items > 0 then
    vim.api.nvim_command("copen")
  else
    notify("scan: no time was spent in the workspace's own functions", vim.log.levels.INFO)
  end
end

--- Run `afterburner.profile` or `afterburner.optimize` for the function at `target` (a 0-based
--- line, default the cursor's; or a qualname) in `bufnr` (default current). Asynchronous:
--- progress is echoed, the server reports the outcome, `on_done(err, result)` is called.
function M.execute(command, bufnr, target, on_done)
  if bufnr == nil or bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  local client = M.client(bufnr)
  if not client then
    notify("not attached to this buffer (see :checkhealth afterburner)", vim.log.levels.WARN)
    return false
  end
  if target == nil or target == "" then
    target = vim.api.nvim_win_get_cursor(0)[1] - 1
  end
  return run(client, bufnr, command, { vim.uri_from_bufnr(bufnr), target }, nil, on_done)
end

--- Scan the workspace (`afterburner.scan`): its functions ranked by the time its tests spend
--- in them fill the quickfix list, hottest first. `tests`: pytest arguments (default: the
--- project's own configuration). `on_done(err, result)` is called with the server's answer.
function M.scan(tests, on_done)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    notify("open a Python file of the workspace first (see :checkhealth afterburner)", vim.log.levels.WARN)
    return false
  end
  local options = vim.empty_dict()
  if tests ~= nil and tests ~= "" then
    options = { tests = tests }
  end
  return run(client, bufnr, "afterburner.scan", { options }, fill_quickfix, on_done)
end

local function define_commands()
  local function target(args)
    if args.args ~= nil and args.args ~= "" then
      return args.args -- a function name (qualname)
    end
    return nil
  end
  vim.api.nvim_create_user_command("AfterburnerOptimize", function(args)
    M.execute("afterburner.optimize", 0, target(args))
  end, { nargs = "?", desc = "Afterburner: optimize the function under the cursor (or named)" })
  vim.api.nvim_create_user_command("AfterburnerProfile", function(args)
    M.execute("afterburner.profile", 0, target(args))
  end, { nargs = "?", desc = "Afterburner: profile the function under the cursor (or named)" })
  vim.api.nvim_create_user_command("AfterburnerScan", function(args)
    M.scan(args.args)
  end, { nargs = "?", desc = "Afterburner: rank the workspace's functions by test time (quickfix)" })
  vim.api.nvim_create_user_command("AfterburnerCancel", function()
    M.cancel()
  end, { desc = "Afterburner: cancel the running profile/optimize jobs" })
end

function M.setup(opts)
  M.options = vim.tbl_deep_extend("force", {}, M.defaults, opts or {})
  if opts and opts.settings then
    M.options.settings = opts.settings -- replaced whole, not merged with the defaults
  end
  define_commands()

  local path = M.api_path(M.options)
  if path == "config" then
    local config = M.lsp_config(M.options)
    config.filetypes = M.options.filetypes
    config.root_dir = function(bufnr, on_dir)
      local fname = wanted(bufnr)
      if fname then
        on_dir(M.root_dir(fname))
      end
    end
    vim.lsp.config(NAME, config)
    vim.lsp.enable(NAME)
    if vim.v.vim_did_enter == 0 then
      -- enable() attaches buffers loaded before it only after startup (setup() from -c)
      vim.api.nvim_create_autocmd("VimEnter", {
        once = true,
        callback = function()
          vim.lsp.enable(NAME)
        end,
      })
    end
    return M
  end

  local group = vim.api.nvim_create_augroup("afterburner", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      start_buffer(args.buf)
    end,
  })
  -- buffers opened before setup()
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      if vim.tbl_contains(M.options.filetypes, vim.bo[bufnr].filetype) then
        start_buffer(bufnr)
      end
    end
  end
  return M
end

return M
