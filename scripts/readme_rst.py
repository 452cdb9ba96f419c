#!/usr/bin/env python3
"""Write each add-on's README.rst from its manifest and its readme/ fragments
(DESCRIPTION, CONFIGURE, USAGE and CONTRIBUTORS, as OCA lays them out), so that the page a
package index shows never lags the fragments the project edits.

    python3 scripts/readme_rst.py [addon ...]     # all add-ons by default
    python3 scripts/readme_rst.py --check          # fails when one is stale

Markdown is kept to what the fragments use (paragraphs, lists, **bold**,
*italics*, `code`), which reads the same in reStructuredText once inline code
takes double backquotes.
"""

import ast
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for pattern in ("smec_*", "test_smec_*") for p in REPO.glob(f"{pattern}/__manifest__.py"))
SECTIONS = (("DESCRIPTION.md", "Description"), ("CONFIGURE.md", "Configuration"), ("USAGE.md", "Usage"))


def rst_inline(text):
    # `code` -> ``code`` (not touching what already is ``code``)
    return re.sub(r"(?<!`)`([^`\n]+)`(?!`)", r"``\1``", text)


def title(text, char):
    return f"{text}\n{char * len(text)}\n"


def render(addon):
    folder = REPO / addon
    manifest = ast.literal_eval((folder / "__manifest__.py").read_text(encoding="utf-8"))
    name = manifest["name"]
    parts = [
        "=" * len(name) + "\n" + title(name, "="),
        manifest.get("summary", "") + "\n",
        "**Version** {} · **License** {} · **Depends on** {}\n".format(
            manifest["version"], manifest.get("license", "LGPL-3"), ", ".join(manifest.get("depends", []))
        ),
    ]
    for fragment, heading in SECTIONS:
        path = folder / "readme" / fragment
        if path.is_file():
            parts.append(title(heading, "="))
            parts.append(rst_inline(path.read_text(encoding="utf-8").strip()) + "\n")
    parts.append(title("Credits", "="))
    parts.append("Authors: {}\n".format(manifest.get("author", "")))
    contributors = folder / "readme" / "CONTRIBUTORS.md"
    if contributors.is_file():
        parts.append(title("Contributors", "-"))
        parts.append(rst_inline(contributors.read_text(encoding="utf-8").strip()) + "\n")
    return "\n".join(parts)


def main(argv):
    check = "--check" in argv
    addons = [a for a in argv if not a.startswith("--")] or ADDONS
    stale = []
    for addon in addons:
        path = REPO / addon / "README.rst"
        text = render(addon)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(addon)
        if not check:
            path.write_text(text, encoding="utf-8")
    if check and stale:
        print("stale README.rst (run scripts/readme_rst.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
