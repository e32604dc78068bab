"""Outside reference for the fine-tuning bench's baseline (optional; needs Debian's python3-sklearn).

Trains scikit-learn's TfidfVectorizer(word 1-2) + TfidfVectorizer(char_wb 3-5), sublinear tf,
stacked, + LogisticRegression (lbfgs) for each C given, on the exact rows that
`npm run bench:finetune -- … --dump-split <dir>` wrote, and prints test accuracy and macro-F1.

    /usr/bin/python3 bench/finetune-sklearn.py <dir> [C,C,…]
"""
import csv
import sys
import time

from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def main():
    folder = sys.argv[1]
    cs = [float(c) for c in (sys.argv[2] if len(sys.argv) > 2 else "1,10,100").split(",")]
    x_train, y_train = load(f"{folder}/train.csv")
    x_test, y_test = load(f"{folder}/test.csv")
    word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    a = hstack([word.fit_transform(x_train), char.fit_transform(x_train)]).tocsr()
    b = hstack([word.transform(x_test), char.transform(x_test)]).tocsr()
    for c in cs:
        start = time.time()
        predicted = LogisticRegression(C=c, max_iter=3000).fit(a, y_train).predict(b)
        labels = sorted(set(y_test) | set(predicted))
        print(f"sklearn C={c:g}: accuracy {accuracy_score(y_test, predicted) * 100:.2f}%  "
              f"macro-F1 {f1_score(y_test, predicted, average='macro', labels=labels) * 100:.2f}%  "
              f"({time.time() - start:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
