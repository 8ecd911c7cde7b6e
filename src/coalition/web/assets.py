"""Where the browser assets live. Third-party scripts come from npm packages (web-assets/) and
are copied into static/vendor by `make install`; none is fetched from a CDN at run time."""

from __future__ import annotations

import shutil
from pathlib import Path

STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"

# File served under /static/vendor/ -> where it lies inside web-assets/node_modules.
VENDOR_FILES = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}


def missing_vendor_assets() -> list[str]:
    return [name for name in VENDOR_FILES if not (VENDOR / name).is_file()]


def copy_vendor_assets(node_modules: Path) -> list[str]:
    """Copy the vendor files out of an npm install; returns the names copied."""
    VENDOR.mkdir(parents=True, exist_ok=True)
    copied = []
    for name, relative in VENDOR_FILES.items():
        source = node_modules / relative
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing: run `npm ci` in web-assets/")
        shutil.copyfile(source, VENDOR / name)
        copied.append(name)
    return copied


if __name__ == "__main__":
    import sys

    names = copy_vendor_assets(Path(sys.argv[1]))
    print(f"copied {len(names)} browser assets into {VENDOR}")
