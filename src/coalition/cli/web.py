"""`coalition serve`: the web interface and its API over a database."""

from __future__ import annotations

from typing import Annotated

import typer

from coalition.cli.common import DbOption, console, reports_errors, resolve_url

HostOption = Annotated[str, typer.Option(help="Address to listen on.")]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]


def run_server(url: str, host: str, port: int) -> None:
    """Serve the database at `url` until interrupted."""
    # Imported here so that commands which never serve do not pay for loading the web stack.
    import uvicorn

    from coalition.settings import Settings
    from coalition.web.app import create_app

    app = create_app(url, public_read=Settings().public_read, serving=True)
    if app.state.missing_assets:
        missing = ", ".join(app.state.missing_assets)
        console.print(
            f"[yellow]warning:[/yellow] browser assets missing ({missing}); "
            "charts and live filters will not work. Run `make install`."
        )
    console.print(
        f"Serving on [bold]http://{host}:{port}/[/bold] (API docs at /api/docs); Ctrl+C stops.",
        highlight=False,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


@reports_errors
def serve(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """Serve the web interface and the API (/api/v1, documented at /api/docs)."""
    run_server(resolve_url(db), host, port)
