#!/usr/bin/env python3
"""Trains the clarification matcher's answer gate (core/sessions/src/clarification_gate.cpp).

The gate is a logistic model over what the matcher measured about its best reading of a question. Its
training data are the labelled paraphrase sets in tests/clarifications/, read by the real matcher:

    REHEARSE_CLARIF_FEATURES=/tmp/gate build/bin/rehearse_tests -tc='*clarification matching*'
    scripts/train_clarification_gate.py /tmp/gate --exclude heldout17 heldout18 --cv

writes core/sessions/src/clarification_gate_weights.inc. The tests dump every confident reading through
clarification_matcher::explain(), the ones the gate in force holds back included, so retraining does not
depend on the weights the build had. --cv prints, for each set left out in turn, what a gate trained on the others would have held back of
it: the estimate to trust, not the fit on the training sets. Sets named in --exclude (the untouched
ones kept for measuring) are never read.

Plain Python, no third-party packages: the model is small (a few dozen inputs, a few thousand rows) and
is fitted by Newton's method.
"""
import argparse
import json
import math
import os
import sys

L2 = 10.0            # ridge penalty on the standardised weights (not on the constant)
HIT_LOSS = 0.01      # the threshold holds back at most this share of the training set's right readings
WEIGHTS = os.path.join(os.path.dirname(__file__), "..", "core", "sessions", "src", "clarification_gate_weights.inc")


def read_sets(directory, exclude):
    sets = {}
    for name in sorted(os.listdir(directory)):
        if not (name.startswith("paraphrases-") and name.endswith(".jsonl")):
            continue
        set_name = name[len("paraphrases-"):-len(".jsonl")]
        if set_name in exclude:
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            sets[set_name] = [json.loads(line) for line in f if line.strip()]
    if not sets:
        sys.exit(f"no paraphrases-*.jsonl in {directory}: run the tests with REHEARSE_CLARIF_FEATURES={directory}")
    return sets


def solve(a, b):
    """Solves a x = b (a symmetric positive definite) by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(c + 1, n):
            k = m[r][c] / m[c][c]
            if k:
                for j in range(c, n + 1):
                    m[r][j] -= k * m[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        s = m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))
        x[r] = s / m[r][r] if abs(m[r][r]) > 1e-12 else 0.0
    return x


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def standardise(rows):
    n = len(rows[0])
    mean = [sum(r[i] for r in rows) / len(rows) for i in range(n)]
    sd = [math.sqrt(sum((r[i] - mean[i]) ** 2 for r in rows) / len(rows)) or 1.0 for i in range(n)]
    mean[0], sd[0] = 0.0, 1.0  # the constant stays 1
    return mean, sd


def fit(rows, labels):
    """Weights on the raw inputs of a ridge-penalised logistic regression."""
    mean, sd = standardise(rows)
    x = [[(r[i] - mean[i]) / sd[i] for i in range(len(r))] for r in rows]
    n = len(x[0])
    w = [0.0] * n
    for _ in range(25):
        p = [sigmoid(sum(wi * xi for wi, xi in zip(w, row))) for row in x]
        grad = [sum((p[k] - labels[k]) * x[k][i] for k in range(len(x))) + (L2 * w[i] if i else 0.0) for i in range(n)]
        hess = [[0.0] * n for _ in range(n)]
        for k, row in enumerate(x):
            s = p[k] * (1 - p[k])
            for i in range(n):
                si = s * row[i]
                if si:
                    hi = hess[i]
                    for j in range(i, n):
                        hi[j] += si * row[j]
        for i in range(n):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:
                hess[i][i] += L2
            hess[i][i] += 1e-9
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    # Fold the standardisation into the weights: the gate reads raw inputs.
    raw = [w[i] / sd[i] for i in range(n)]
    raw[0] = w[0] - sum(w[i] * mean[i] / sd[i] for i in range(1, n))
    return raw


def probability(w, row):
    return sigmoid(sum(wi * xi for wi, xi in zip(w, row)))


def threshold(w, rows, labels):
    hits = sorted(probability(w, r) for r, y in zip(rows, labels) if y == 1)
    return hits[int(HIT_LOSS * len(hits))] if hits else 0.0


def flatten(sets, names):
    rows, labels, kinds = [], [], []
    for name in names:
        for e in sets[name]:
            rows.append(e["features"])
            labels.append(1 if e["label"] == "hit" else 0)
            kinds.append(e["label"])
    return rows, labels, kinds


def cross_validate(sets):
    held = {"hit": 0, "false": 0, "wrong": 0}
    total = {"hit": 0, "false": 0, "wrong": 0}
    lines = []
    for left_out in sets:
        rows, labels, _ = flatten(sets, [s for s in sets if s != left_out])
        w = fit(rows, labels)
        t = threshold(w, rows, labels)
        test_rows, _, test_kinds = flatten(sets, [left_out])
        cut = {"hit": 0, "false": 0, "wrong": 0}
        for r, k in zip(test_rows, test_kinds):
            total[k] += 1
            if probability(w, r) < t:
                cut[k] += 1
                held[k] += 1
        lines.append(f"  {left_out}: held back {cut['hit']} right, {cut['false']} false, {cut['wrong']} wrong readings")
    print("\n".join(lines))
    summary = (f"left out one set at a time: held back {held['hit']}/{total['hit']} right readings, "
               f"{held['false']}/{total['false']} answers to off-topic or design questions, "
               f"{held['wrong']}/{total['wrong']} wrong clarifications")
    print(summary)
    return summary


def write(w, t, names, sets, summary):
    rows, _, kinds = flatten(sets, list(sets))
    counts = {k: kinds.count(k) for k in ("hit", "false", "wrong")}
    with open(WEIGHTS, "w", encoding="utf-8") as f:
        f.write("// Written by scripts/train_clarification_gate.py: do not edit by hand.\n")
        f.write(f"// Trained on {len(rows)} readings of the sets {', '.join(sorted(sets))}\n")
        f.write(f"// ({counts['hit']} right, {counts['false']} false, {counts['wrong']} wrong); threshold at {HIT_LOSS:.0%} of the\n")
        f.write(f"// right readings, ridge {L2}.\n")
        if summary:
            f.write(f"// Cross-validation, {summary}.\n")
        f.write(f"constexpr std::array<double, {len(w)}> gate_weights{{\n")
        for name, wi in zip(names, w):
            f.write(f"    {wi!r},  // {name}\n")
        f.write("};\n")
        f.write(f"constexpr double gate_threshold = {t!r};\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("directory", help="where the tests wrote REHEARSE_CLARIF_FEATURES")
    ap.add_argument("--exclude", nargs="*", default=[], help="sets kept untouched for measuring (e.g. heldout17)")
    ap.add_argument("--cv", action="store_true", help="report leave-one-set-out figures")
    args = ap.parse_args()
    sets = read_sets(args.directory, set(args.exclude))
    summary = cross_validate(sets) if args.cv else ""
    rows, labels, _ = flatten(sets, list(sets))
    w = fit(rows, labels)
    t = threshold(w, rows, labels)
    with open(os.path.join(args.directory, "feature_names.txt"), encoding="utf-8") as f:
        names = [line.strip() for line in f if line.strip()]
    if len(names) != len(w):
        sys.exit(f"{len(names)} feature names for {len(w)} inputs: rerun the tests that write them")
    write(w, t, names, sets, summary)
    print(f"wrote {os.path.normpath(WEIGHTS)}: threshold {t:.3f}")


if __name__ == "__main__":
    main()
