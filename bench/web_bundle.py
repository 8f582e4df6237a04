"""Measures what the browser downloads for the UI's first screen: the built files, gzipped."""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

from gofer.web_ui import default_dist

BUDGET_JS_GZIP_BYTES = 250 * 1024


def first_screen_files(dist: Path) -> list[Path]:
    """index.html and the scripts, module preloads and styles it references."""
    html = (dist / "index.html").read_text()
    refs = re.findall(r'(?:src|href)="/([^"]+\.(?:js|css))"', html)
    return [dist / "index.html", *(dist / ref for ref in refs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=default_dist())
    args = parser.parse_args()
    files = first_screen_files(args.dist)
    sizes = {
        f.name: {"bytes": f.stat().st_size, "gzip_bytes": len(gzip.compress(f.read_bytes(), 9))}
        for f in files
    }
    js_gzip = sum(v["gzip_bytes"] for k, v in sizes.items() if k.endswith(".js"))
    print(
        json.dumps(
            {
                "files": sizes,
                "js_gzip_bytes": js_gzip,
                "total_gzip_bytes": sum(v["gzip_bytes"] for v in sizes.values()),
                "budget_js_gzip_bytes": BUDGET_JS_GZIP_BYTES,
                "within_budget": js_gzip <= BUDGET_JS_GZIP_BYTES,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
