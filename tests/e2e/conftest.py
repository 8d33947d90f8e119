"""The real server over stdio, with a pytest-lsp client set up as VS Code would be."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.conftest import make_workspace
from tests.e2e.lsp import CASE

SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "afterburner.server.cli", "serve", "--verbose"]
)


@pytest.fixture
def workspace(tmp_path) -> Path:
    return make_workspace(CASE, tmp_path / "ws")


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, workspace: Path, request):
    """Parametrize with the `afterburner` settings, plus `encoding`: the one position
    encoding the client offers (utf-16 when absent, as VS Code)."""
    settings = dict(getattr(request, "param", {"backend": "rules", "rounds": 1, "k": 2}))
    encoding = settings.pop("encoding", None)

    @lsp_client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def lens_refresh(params: None) -> None:
        return None

    capabilities = client_capabilities("visual-studio-code")
    if encoding is not None:
        capabilities.general = types.GeneralClientCapabilities(position_encodings=[encoding])
    lsp_client.set_configuration(settings, section="afterburner")
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
        )
    )
    lsp_client.position_encoding = result.capabilities.position_encoding or "utf-16"
    yield
    await lsp_client.shutdown_session()
