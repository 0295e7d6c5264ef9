#!/usr/bin/env python3
"""Command-line check of enummixed against lrsnash (lrslib), written apart
from the Go tests so that the .nfg writer, lrsnash's input and output, and
the comparison share no code with them (docs/solvers-mixed.md, issue 13).

Random degenerate games (payoffs 0..k, duplicated rows or columns, a weakly
dominated row, an indifferent row, negative or decimal payoffs) are written
as .nfg (odd games with an outcome body), solved with
`guarantor game solve FILE --method enummixed` and by lrsnash, and the two
sets of equilibria are compared as exact fractions; repeated lines in our
output count as a difference. Games that differ are kept in OUTDIR.

usage: lrsnash_cli.py GUARANTOR_BINARY SEED GAMES MIN MAX [OUTDIR]
"""
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction as F

def game(r, m, n):
    k = r.choice([1, 2, 3, 5, 9])
    den = r.choice([1, 1, 10, 4])
    a = [[r.randint(0, k) for _ in range(n)] for _ in range(m)]
    b = [[r.randint(0, k) for _ in range(n)] for _ in range(m)]
    for mod in r.sample(["duprow", "dupcol", "weak", "const", "neg", "none", "none"], 2):
        if mod == "duprow":
            s, d = r.randrange(m), r.randrange(m); a[d] = a[s][:]; b[d] = b[s][:]
        elif mod == "dupcol":
            s, d = r.randrange(n), r.randrange(n)
            for i in range(m): a[i][d], b[i][d] = a[i][s], b[i][s]
        elif mod == "weak":
            s, d = r.randrange(m), r.randrange(m)
            a[d] = [v - r.randint(0, 1) for v in a[s]]
        elif mod == "const":
            i = r.randrange(m); b[i] = [b[i][0]] * n
        elif mod == "neg":
            a = [[v - 3 for v in row] for row in a]
    a = [[F(v, den) for v in row] for row in a]
    b = [[F(v, den) for v in row] for row in b]
    return a, b

def spell(v):
    if v.denominator == 1: return str(v.numerator)
    d = v.denominator
    for digits in range(1, 6):
        if 10 ** digits % d == 0:
            s = str(abs(v.numerator) * (10 ** digits // d)).rjust(digits + 1, "0")
            return ("-" if v < 0 else "") + s[:-digits] + "." + s[-digits:]
    return f"{v.numerator}/{v.denominator}"

def nfg(r, a, b, outcome):
    m, n = len(a), len(a[0])
    if not outcome:
        body = "\n".join(" ".join(f"{spell(a[i][j])} {spell(b[i][j])}" for i in range(m)) for j in range(n))
        return f'NFG 1 R "cli" {{ "1" "2" }} {{ {m} {n} }}\n\n{body}\n'
    pairs = sorted({(a[i][j], b[i][j]) for i in range(m) for j in range(n)} - {(0, 0)})
    r.shuffle(pairs)
    idx = {p: k + 1 for k, p in enumerate(pairs)}
    s = 'NFG 1 R "cli" { "P1" "P2" }\n{ { ' + " ".join(f'"r{i}"' for i in range(m)) + ' } { ' + " ".join(f'"c{j}"' for j in range(n)) + ' } }\n""\n{\n'
    s += "".join(f'{{ "o{k+1}" {spell(p[0])}, {spell(p[1])} }}\n' for k, p in enumerate(pairs))
    s += "}\n" + " ".join(str(idx.get((a[i][j], b[i][j]), 0)) for j in range(n) for i in range(m)) + "\n"
    return s

def lrs(a, b, path):
    m, n = len(a), len(a[0])
    with open(path, "w") as f:
        f.write(f"{m} {n}\n\n")
        for M in (a, b):
            for row in M: f.write(" ".join(str(v) for v in row) + "\n")
            f.write("\n")
    out = subprocess.run(["lrsnash", path], capture_output=True, text=True, check=True).stdout
    eqs, xs, ys = set(), [], []
    for line in out.splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("*"):
            for x in xs:
                for y in ys: eqs.add(x + y)
            xs, ys = [], []
            continue
        f = line.split()
        v = tuple(F(t) for t in f[1:-1])
        (xs if f[0] == "1" else ys).append(v)
    return eqs

def ours(path):
    out = subprocess.run([sys.argv[1], "game", "solve", path, "--method", "enummixed"], capture_output=True, text=True, check=True).stdout
    lines = [l for l in out.splitlines() if l.startswith("NE,")]
    return set(tuple(F(t) for t in l[3:].split(",")) for l in lines), len(lines)

outdir = sys.argv[6] if len(sys.argv) > 6 else tempfile.mkdtemp(prefix="lrsnash_cli")
os.makedirs(outdir, exist_ok=True)
r = random.Random(int(sys.argv[2]))
N = int(sys.argv[3])
bad = 0
tot = 0
for g in range(N):
    m, n = r.randint(int(sys.argv[4]), int(sys.argv[5])), r.randint(int(sys.argv[4]), int(sys.argv[5]))
    a, b = game(r, m, n)
    text = nfg(r, a, b, g % 2 == 1)
    p = os.path.join(outdir, f"{g}.nfg")
    open(p, "w").write(text)
    want = lrs(a, b, p + ".lrs")
    got, lines = ours(p)
    tot += len(want)
    if got != want or lines != len(got):
        bad += 1
        print(f"game {g} {m}x{n}: ours {len(got)} ({lines} lines), lrsnash {len(want)}; missing {sorted(want - got)[:3]} extra {sorted(got - want)[:3]}", flush=True)
    else:
        os.remove(p); os.remove(p + ".lrs")
print(f"{N} games, {tot} extreme equilibria, {bad} disagreements")
