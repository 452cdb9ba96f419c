#!/usr/bin/env python3
"""Write the add-ons' spreadsheet dashboards (the JSON files Odoo's `spreadsheet_dashboard` loads) from their
definitions in scripts/dashboards/ (Odoo Community has no spreadsheet editor to draw them in).

    python3 scripts/build_dashboards.py            # writes the files
    python3 scripts/build_dashboards.py --check    # fails when a file differs from its definition
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboards import collection, credit, forecast

REPO = Path(__file__).resolve().parent.parent
FILES = {
    "smec_credit_dashboard/data/files/credit_dashboard.json": credit.build,
    "smec_credit_collection_dashboard/data/files/collection_dashboard.json": collection.build,
    "smec_credit_forecast_dashboard/data/files/forecast_dashboard.json": forecast.build,
}


def main(argv):
    stale = []
    for path, build in FILES.items():
        target = REPO / path
        text = json.dumps(build().to_json(), indent=1, ensure_ascii=False) + "\n"
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if "--check" not in argv:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if "--check" in argv and stale:
        print("stale dashboards (run scripts/build_dashboards.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
