#!/usr/bin/env python3
"""Peer conformance: runs `preglednik parse` over the Universal Feed Parser test corpus.

Each corpus document carries its expectation (a Python expression over feedparser's result) in a
comment; EXPECTATIONS.jsonl indexes them. This harness parses every case with the built
`preglednik` (batch mode, one process), maps our `parse --json` contract back to feedparser's
vocabulary (aliases, `*_raw` dates, `*_parsed` tuples), evaluates each expectation with a small
safe evaluator (no eval/exec: only literals, names, subscripts, comparisons, boolean operators,
len/ord/str and dict .get), and prints the pass rate per folder, for the core subset and for
wellformed/ overall. The HTML-sanitizer cases are excluded (Preglednik does not sanitize HTML)
and reported as excluded.

Exit status: 0 when the goals are met (>= 95 % core, >= 85 % wellformed), 1 otherwise, 2 when the
corpus is missing (a notice is printed; CI treats that as skipped via --skip-missing).

    python3 Tests/Conformance/feedparser_harness.py --preglednik .build/debug/preglednik [--corpus DIR]
"""
import argparse
import ast
import collections
import datetime
import json
import os
import subprocess
import sys
import tempfile

CORE_GOAL = 0.95
WELLFORMED_GOAL = 0.85
HTTP_ROOT = "http://127.0.0.1:8097/"
DATE_KEYS = ("published", "updated", "created", "expired", "validity_start", "validity_end")


HTTP_CLIENT_NAMES = {"etag", "modified", "modified_parsed", "locals"}


def names_in(source):
    try:
        return [n.id for n in ast.walk(ast.parse(source.strip(), mode="eval")) if isinstance(n, ast.Name)]
    except SyntaxError:
        return []


class Missing(Exception):
    """A key the expectation looked up is absent (feedparser raises too)."""


class Unsupported(Exception):
    """The expectation uses Python the safe evaluator does not allow."""


def parsed_tuple(iso):
    """A time.struct_time-like 9-tuple from our ISO 8601 UTC string."""
    moment = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
            moment.weekday(), moment.timetuple().tm_yday, 0)


class View:
    """feedparser's FeedParserDict semantics over one of our JSON objects."""

    ALIASES = {"guid": "id", "date": "updated", "tagline": "subtitle", "modified": "updated",
               "issued": "published", "copyright": "rights", "url": "href",
               "date_parsed": "updated_parsed", "modified_parsed": "updated_parsed",
               "issued_parsed": "published_parsed", "tagline_detail": "subtitle_detail",
               "copyright_detail": "rights_detail"}

    def __init__(self, data, role):
        self.data = data
        self.role = role  # "feed", "entry" or "plain"

    def keys_(self):
        return self.data.keys()

    def _lookup(self, key):
        data = self.data
        if key in ("description", "description_detail"):
            suffix = "_detail" if key.endswith("_detail") else ""
            key = "summary" + suffix if "summary" + suffix in data else "subtitle" + suffix
        if key == "license":
            for link in data.get("links", []):
                if link.get("rel") == "license" and "href" in link:
                    return link["href"]
            raise Missing(key)
        if self.role != "plain":
            if key == "category":
                tags = data.get("tags") or []
                if not tags:
                    raise Missing(key)
                return tags[0].get("term")
            elif key == "enclosures" and "enclosures" not in data:
                return [wrap(link, "plain") for link in data.get("links", []) if link.get("rel") == "enclosure"]
            key = self.ALIASES.get(key, key)
            for date_key in DATE_KEYS:
                if key == date_key:
                    if date_key + "_raw" in data:
                        return data[date_key + "_raw"]
                    if date_key == "updated" and "published_raw" in data:
                        return data["published_raw"]
                    raise Missing(key)
                if key == date_key + "_parsed":
                    if date_key in data:
                        return parsed_tuple(data[date_key])
                    if date_key == "updated" and "published" in data:
                        return parsed_tuple(data["published"])
                    if date_key + "_raw" in data or (date_key == "updated" and "published_raw" in data):
                        return None
                    raise Missing(key)
        elif key == "url":
            key = "href"
        if key not in data:
            raise Missing(key)
        return wrap(data[key], "plain", key)

    def __getitem__(self, key):
        return self._lookup(key)

    def get(self, key, default=None):
        try:
            return self._lookup(key)
        except Missing:
            return default

    def __contains__(self, key):
        return self.get(key, Missing) is not Missing

    def __eq__(self, other):
        if isinstance(other, View):
            other = other.data
        if isinstance(other, dict):
            mine = {k: unwrap(v) for k, v in self.data.items()}
            if set(other) - set(mine):
                for missing in set(other) - set(mine):
                    mine[missing] = None
            return {k: mine[k] for k in other} == other and set(mine) - set(other) <= {
                k for k in mine if mine[k] is None or k in ("base", "language")}
        return False

    def __len__(self):
        return len(self.data)

    def __bool__(self):
        return bool(self.data)


def unwrap(value):
    if isinstance(value, View):
        return {k: unwrap(v) for k, v in value.data.items()}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def wrap(value, role, key=None):
    if isinstance(value, dict):
        filled = dict(value)
        if key in ("tags",) or role == "tag":
            for name in ("term", "scheme", "label"):
                filled.setdefault(name, None)
        if key is not None and (key.endswith("_detail") or key == "content_item"):
            # The contract leaves absent fields out; feedparser writes None / "" for them.
            filled.setdefault("language", None)
            filled.setdefault("base", "")
        return View(filled, "plain")
    if isinstance(value, list):
        if key == "tags":
            return [wrap(v, "tag") for v in value]
        if key == "content":
            return [wrap(v, "plain", "content_item") for v in value]
        return [wrap(v, "plain") for v in value]
    return value


class Evaluator:
    """Evaluates the restricted Python of feedparser's Expect lines."""

    FUNCTIONS = {"len": len, "ord": ord, "str": str, "int": int, "bool": bool}

    def __init__(self, names):
        self.names = names

    def run(self, source):
        return self.visit(ast.parse(source.strip(), mode="eval").body)

    def visit(self, node):
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            raise Unsupported(type(node).__name__)
        return method(node)

    def visit_Constant(self, node):
        return node.value

    def visit_Name(self, node):
        if node.id in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        if node.id not in self.names:
            raise Unsupported("name " + node.id)
        return self.names[node.id]

    def visit_Tuple(self, node):
        return tuple(self.visit(e) for e in node.elts)

    def visit_List(self, node):
        return [self.visit(e) for e in node.elts]

    def visit_Dict(self, node):
        return {self.visit(k): self.visit(v) for k, v in zip(node.keys, node.values)}

    def visit_BoolOp(self, node):
        if isinstance(node.op, ast.And):
            result = True
            for value in node.values:
                result = self.visit(value)
                if not result:
                    return result
            return result
        result = False
        for value in node.values:
            result = self.visit(value)
            if result:
                return result
        return result

    def visit_UnaryOp(self, node):
        operand = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return not operand
        if isinstance(node.op, ast.USub):
            return -operand
        raise Unsupported("unary")

    def visit_BinOp(self, node):
        if isinstance(node.op, ast.Add):
            return self.visit(node.left) + self.visit(node.right)
        raise Unsupported("binop")

    def visit_Compare(self, node):
        left = self.visit(node.left)
        for op, comparator in zip(node.ops, node.comparators):
            right = self.visit(comparator)
            if isinstance(op, ast.Eq):
                ok = equal(left, right)
            elif isinstance(op, ast.NotEq):
                ok = not equal(left, right)
            elif isinstance(op, ast.Is):
                ok = left is right
            elif isinstance(op, ast.IsNot):
                ok = left is not right
            elif isinstance(op, ast.In):
                ok = left in right
            elif isinstance(op, ast.NotIn):
                ok = left not in right
            elif isinstance(op, (ast.Lt, ast.Gt, ast.LtE, ast.GtE)):
                ok = {ast.Lt: left < right, ast.Gt: left > right, ast.LtE: left <= right, ast.GtE: left >= right}[type(op)]
            else:
                raise Unsupported("compare")
            if not ok:
                return False
            left = right
        return True

    def visit_Subscript(self, node):
        container = self.visit(node.value)
        index = self.visit(node.slice)
        try:
            return container[index]
        except (IndexError, KeyError, TypeError):
            raise Missing(str(index))

    def visit_Attribute(self, node):
        container = self.visit(node.value)
        if isinstance(container, View):
            if node.attr == "get":
                return container.get
            if node.attr == "has_key":
                return container.__contains__
            if node.attr == "keys":
                return container.keys_
            return container[node.attr]
        raise Unsupported("attribute " + node.attr)

    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id in self.FUNCTIONS:
            function = self.FUNCTIONS[node.func.id]
        elif isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "keys", "has_key"):
            function = self.visit(node.func)
        else:
            raise Unsupported("call")
        return function(*[self.visit(a) for a in node.args])


def equal(left, right):
    if isinstance(left, View):
        return left == right
    if isinstance(right, View):
        return right == left
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(equal(a, b) for a, b in zip(left, right))
    return left == right


def names_for(result, headers):
    if "error" in result:
        result = {"bozo": True, "bozo_exception": result["error"], "feed": {}, "entries": [],
                  "encoding": "", "version": ""}
    feed = View(result.get("feed", {}), "feed")
    entries = [View(e, "entry") for e in result.get("entries", [])]
    return {"bozo": result.get("bozo", False), "bozo_exception": result.get("bozo_exception"),
            "feed": feed, "channel": feed, "entries": entries, "items": entries,
            "encoding": result.get("encoding", ""), "version": result.get("version", ""),
            "headers": {k.lower(): v for k, v in headers.items()}}


def runner_bozo_ok(case, result):
    bozo = bool(result.get("bozo", False)) or "error" in result
    if case["suite"] == "wellformed":
        return not bozo
    if case["suite"] == "illformed" and case["http"]:
        return bozo
    return True


def document_url(case):
    headers = {k.lower(): v for k, v in case["headers"].items()}
    if not case["http"]:
        return ""
    url = HTTP_ROOT + case["path"]
    location = headers.get("content-location")
    if location:
        from urllib.parse import urljoin, urlparse
        resolved = urljoin(url, location.strip())
        if urlparse(resolved).scheme in ("http", "https"):  # an HTTP client ignores unsafe locations
            url = resolved
    return url


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preglednik", default=os.path.join(repo, ".build", "debug", "preglednik"))
    parser.add_argument("--corpus", default=os.path.join(repo, "..", "shared", "corpus", "feedparser"))
    parser.add_argument("--failures", type=int, default=0, help="print this many failing cases")
    parser.add_argument("--only", default="", help="only cases whose path contains this text")
    parser.add_argument("--core-only", action="store_true", help="print failures of the core subset only")
    parser.add_argument("--skip-missing", action="store_true", help="exit 0 with a notice when the corpus is absent")
    args = parser.parse_args()

    index = os.path.join(args.corpus, "EXPECTATIONS.jsonl")
    if not os.path.exists(index):
        print(f"feedparser conformance: SKIPPED — corpus not found at {args.corpus}")
        return 0 if args.skip_missing else 2
    cases = [json.loads(line) for line in open(index, encoding="utf-8")]
    core = set()
    with open(os.path.join(args.corpus, "HARNESS_CORE_SUBSET.tsv"), encoding="utf-8") as tsv:
        for line in tsv.read().splitlines()[1:]:
            core.add(line.split("\t")[0])
    cases = [c for c in cases if args.only in c["path"]]
    excluded = [c for c in cases if c["category"] == "sanitize"]
    cases = [c for c in cases if c["category"] != "sanitize"]
    http_client = [c for c in cases if HTTP_CLIENT_NAMES & set(names_in(c["expect"]))]
    cases = [c for c in cases if c not in http_client]

    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as manifest:
        for case in cases:
            headers = {k.lower(): v for k, v in case["headers"].items()}
            content_type = headers.get("content-type", "text/xml" if case["http"] else "")
            manifest.write("\t".join([os.path.join(args.corpus, case["path"]), document_url(case),
                                      content_type.replace("\t", " ")]) + "\n")
        manifest_path = manifest.name
    try:
        completed = subprocess.run([args.preglednik, "parse", manifest_path, "--json-lines"], capture_output=True,
                                   timeout=900)
    finally:
        os.unlink(manifest_path)
    lines = completed.stdout.decode("utf-8", "replace").splitlines()
    if len(lines) != len(cases):
        print(f"preglednik printed {len(lines)} results for {len(cases)} documents (exit {completed.returncode})")
        print(completed.stderr.decode("utf-8", "replace")[-2000:])
        return 1

    per_folder = collections.defaultdict(lambda: [0, 0])
    core_score = [0, 0]
    wellformed = [0, 0]
    failures = []
    for case, line in zip(cases, lines):
        result = json.loads(line)
        outcome = False
        reason = ""
        try:
            outcome = bool(Evaluator(names_for(result, case["headers"])).run(case["expect"]))
            if outcome and not runner_bozo_ok(case, result):
                outcome, reason = False, "bozo rule of the suite"
        except Missing as missing:
            reason = f"missing {missing}"
        except Unsupported as unsupported:
            reason = f"unsupported expression ({unsupported})"
        except Exception as error:  # an expectation comparing incompatible types counts as a failure
            reason = f"{type(error).__name__}: {error}"
        folder = case["suite"] + ("/" + case["category"] if case["category"] else "")
        per_folder[folder][1] += 1
        per_folder[folder][0] += outcome
        if case["path"] in core:
            core_score[1] += 1
            core_score[0] += outcome
        if case["suite"] == "wellformed":
            wellformed[1] += 1
            wellformed[0] += outcome
        if not outcome and (case["path"] in core or not args.core_only):
            failures.append((case["path"], case["expect"], reason, line))

    def rate(score):
        return score[0] / score[1] if score[1] else 1.0

    print("feedparser conformance (Universal Feed Parser corpus)")
    for folder in sorted(per_folder):
        passed, total = per_folder[folder]
        print(f"  {folder:28s} {passed:5d}/{total:<5d} {100 * passed / total:6.1f} %")
    print(f"  excluded: {len(excluded)} HTML-sanitizer cases (Preglednik does not sanitize HTML)")
    print(f"  excluded: {len(http_client)} HTTP-client cases (etag/modified/locals(): the fetcher's business, not the parser's)")
    excluded_core = sum(1 for c in http_client if c["path"] in core)
    print(f"core subset: {core_score[0]}/{core_score[1]} = {100 * rate(core_score):.1f} % (goal {100 * CORE_GOAL:.0f} %); "
          f"counting the {excluded_core} excluded HTTP-client cases as failures: "
          f"{core_score[0]}/{core_score[1] + excluded_core} = {100 * core_score[0] / max(1, core_score[1] + excluded_core):.1f} %")
    print(f"wellformed:  {wellformed[0]}/{wellformed[1]} = {100 * rate(wellformed):.1f} % (goal {100 * WELLFORMED_GOAL:.0f} %)")
    for path, expect, reason, line in failures[: args.failures]:
        print(f"FAIL {path}\n  expect: {expect}\n  {reason}\n  got: {line[:600]}")
    ok = rate(core_score) >= CORE_GOAL and rate(wellformed) >= WELLFORMED_GOAL
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
