#!/usr/bin/env python3
"""Hostile XML and real-world fixtures through `preglednik parse --json`.

1. ../shared/corpus/malicious: every lol*.xml (libxml2's recursion tests), the defusedxml bombs
   that really amplify, and every XXE payload must be REFUSED with a hostile-input error code
   (entity-refused, dtd-refused, entity-expansion-refused); every good*.xml and the harmless
   defusedxml samples must NOT be refused (an XML document that is not a feed is fine:
   `not-a-feed`). Every run must finish within 5 s and 300 MB of memory.
2. ../shared/corpus/miniflux: every XML feed fixture must parse (JSON out, no crash), and its text
   must not contain U+FFFD (a decoding failure). Fixtures Miniflux itself expects to fail
   (invalid XML tests) may fail; they are listed.

Exit status 0 when every rule holds, 1 otherwise; with --skip-missing, 0 and a notice when the
corpus is absent.

    python3 Tests/Conformance/malicious_check.py --preglednik .build/debug/preglednik [--corpus DIR]
"""
import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time

HOSTILE_CODES = ("entity-refused", "dtd-refused", "entity-expansion-refused")
TIME_LIMIT = 5.0
MEMORY_LIMIT_KB = 300 * 1024

# Files of the malicious corpus and what must happen to them.
MUST_REFUSE_DEFUSED = {"quadratic.xml", "cyclic.xml", "external.xml", "external_file.xml"}
# Nested entities that expand to less than the budget (640 bytes): parsed or refused, bounded either way.
BOUNDED_DEFUSED = {"xmlbomb.xml", "xmlbomb2.xml"}
MUST_PARSE_DEFUSED = {"simple.xml", "simple-ns.xml", "dtd.xml", "dtd_element.xml"}


def run(preglednik, path):
    """Runs one parse; returns (exit code, stdout, stderr, seconds)."""
    start = time.monotonic()
    process = subprocess.Popen([preglednik, "parse", path, "--json"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_SETMASK, []))
    try:
        out, err = process.communicate(timeout=TIME_LIMIT * 4)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    return process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.monotonic() - start


def expectation(relative):
    name = os.path.basename(relative)
    if relative.startswith("libxml2/test/recurse/"):
        if name.startswith("lol"):
            return "refuse"
        if name.startswith("good"):
            return "parse"
        return "bounded"
    if relative.startswith("defusedxml/"):
        if name in MUST_REFUSE_DEFUSED:
            return "refuse"
        if name in MUST_PARSE_DEFUSED:
            return "parse"
        if name in BOUNDED_DEFUSED:
            return "bounded"
        return None
    if relative.startswith("payloadsallthethings/"):
        return "reject"
    if relative.startswith("libxml2/test/errors/"):
        return "bounded"
    return None


def check_malicious(preglednik, root):
    failures = 0
    counts = {"refuse": [0, 0], "reject": [0, 0], "parse": [0, 0], "bounded": [0, 0]}
    slowest = (0.0, "")
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            rule = expectation(relative)
            if rule is None or name.endswith((".ent", ".dtd", ".xsd", ".xsl")) or name in ("LICENSE", "Copyright"):
                continue
            code, out, err, seconds = run(preglednik, path)
            refused = code != 0 and any(f": {c}:" in err for c in HOSTILE_CODES)
            crashed = code not in (0, 6)
            ok = not crashed and seconds < TIME_LIMIT
            if rule == "refuse":
                ok = ok and refused
            elif rule == "reject":
                # XXE payloads: refused, or rejected as not XML before any entity is read.
                ok = ok and code != 0 and (refused or ": xml-error:" in err or ": empty-document:" in err)
            elif rule == "parse":
                ok = ok and not refused
            counts[rule][1] += 1
            counts[rule][0] += ok
            slowest = max(slowest, (seconds, relative))
            if not ok:
                failures += 1
                print(f"FAIL [{rule}] {relative}: exit {code}, {seconds:.2f} s, {err.strip()[:200]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print("malicious corpus:")
    print(f"  refused as required:        {counts['refuse'][0]}/{counts['refuse'][1]}")
    print(f"  XXE payloads rejected:      {counts['reject'][0]}/{counts['reject'][1]}")
    print(f"  parsed (not refused):       {counts['parse'][0]}/{counts['parse'][1]}")
    print(f"  other libxml2 tests, bounded: {counts['bounded'][0]}/{counts['bounded'][1]}")
    print(f"  slowest {slowest[0]:.2f} s ({slowest[1]}), peak memory of any run {peak / 1024:.0f} MB")
    if peak > MEMORY_LIMIT_KB:
        print(f"FAIL peak memory {peak / 1024:.0f} MB over {MEMORY_LIMIT_KB / 1024:.0f} MB")
        failures += 1
    return failures


def check_miniflux(preglednik, root):
    failures = 0
    expected_failures = []
    parsed = bozo = 0
    total = 0
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if not name.endswith(".xml"):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            total += 1
            code, out, err, seconds = run(preglednik, path)
            invalid_on_purpose = any(word in name.lower() for word in ("invalid", "empty", "bad", "broken", "nonfeed", "unknown", "malformed"))
            if code != 0:
                if invalid_on_purpose or "not-a-feed" in err or "empty-document" in err:
                    expected_failures.append(f"{relative} ({err.strip().split(': ', 2)[-1][:80]})")
                    continue
                failures += 1
                print(f"FAIL {relative}: exit {code}: {err.strip()[:200]}")
                continue
            result = json.loads(out)
            parsed += 1
            bozo += bool(result.get("bozo"))
            if "\ufffd" in out:
                failures += 1
                print(f"FAIL {relative}: U+FFFD in the output (encoding {result.get('encoding')})")
    print("miniflux fixtures:")
    print(f"  parsed {parsed}/{total} ({bozo} recovered as bozo); not feeds or broken on purpose: {len(expected_failures)}")
    for item in expected_failures:
        print(f"    {item}")
    return failures


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preglednik", default=os.path.join(repo, ".build", "debug", "preglednik"))
    parser.add_argument("--corpus", default=os.path.join(repo, "..", "shared", "corpus"))
    parser.add_argument("--skip-missing", action="store_true")
    args = parser.parse_args()
    malicious = os.path.join(args.corpus, "malicious")
    miniflux = os.path.join(args.corpus, "miniflux")
    if not os.path.isdir(malicious) or not os.path.isdir(miniflux):
        print(f"hostile XML / miniflux check: SKIPPED — corpus not found at {args.corpus}")
        return 0 if args.skip_missing else 2
    failures = check_malicious(args.preglednik, malicious) + check_miniflux(args.preglednik, miniflux)
    print("hostile XML and miniflux: " + ("OK" if failures == 0 else f"{failures} failures"))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
