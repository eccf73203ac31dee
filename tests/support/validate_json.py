"""Validates a JSON document against a JSON Schema (draft 2020-12).

Usage: validate_json.py SCHEMA DOCUMENT   (DOCUMENT may be - for stdin)
Exit 0 when valid; 1 with every violation, one per line, when not.
"""
import json
import sys

import jsonschema


def main() -> int:
    schema_path, doc_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    doc = json.load(sys.stdin if doc_path == "-" else open(doc_path, encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors:
        path = "/" + "/".join(str(p) for p in e.absolute_path)
        print(f"{doc_path}: {path}: {e.message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
