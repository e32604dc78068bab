"""Two runs of train_multi.py side by side on their evaluation sets, calibrated as finalize_multi.py
does (calibrate.py fit on each run's own dev splits): accuracy, ECE and "sure" (with the app's text
rules), per set and head. Both runs must have written their evaluation sets with the same input text.

usage: /usr/bin/python3 training/compare_runs.py <run A> <run B>"""
import sys

from calibrate import evaluate_run


def main():
    a, b = (evaluate_run(d)["sets"] for d in sys.argv[1:3])
    print(f"A = {sys.argv[1]}, B = {sys.argv[2]}")
    for key in a:
        for h, ra in a[key].items():
            if h not in b.get(key, {}):
                continue
            x, y = ra["calibrated"], b[key][h]["calibrated"]
            sure = lambda r: f"{100 * r['sure_rules_coverage']:5.1f} % @ {100 * (r['sure_rules_accuracy'] or 0):5.1f} %"
            print(f"{key:32s} {h:15s} n={x['n']:5d}  acc {100 * x['accuracy']:5.1f} -> {100 * y['accuracy']:5.1f}  "
                  f"ECE {x['ece']:.3f} -> {y['ece']:.3f}  sure {sure(x)} -> {sure(y)}")


if __name__ == "__main__":
    main()
