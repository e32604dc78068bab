"""transfer_table.fold_steps: the trunk's LM and multi-task steps read from a fold's training logs."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from transfer_table import fold_steps  # noqa: E402


class FoldStepsTest(unittest.TestCase):
    def write(self, folder, name, text):
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)

    def test_stage_logs_add_up(self):
        with tempfile.TemporaryDirectory() as folder:
            self.write(folder, "a.log", "[15:51:24] lm step 0/250 lr 2.5e-04\n[15:53:50] multitask step 0/1300 lr 2.8e-05\n")
            self.write(folder, "b.log", "[16:10:47] multitask step 0/3000 lr 6.0e-06\n")
            self.assertEqual(fold_steps({"dir": folder, "holdout": "flipkart_ecommerce_sample"}), {"lm": 250, "multitask": 4300})

    def test_single_train_log_of_earlier_folds(self):
        with tempfile.TemporaryDirectory() as folder:
            self.write(folder, "train.log", "lm step 0/200\nmultitask step 0/600\n")
            self.assertEqual(fold_steps({"dir": folder, "holdout": "myntra"}), {"lm": 200, "multitask": 600})

    def test_no_logs_no_steps(self):
        with tempfile.TemporaryDirectory() as folder:
            self.assertEqual(fold_steps({"dir": folder, "holdout": "myntra"}), {})


if __name__ == "__main__":
    unittest.main()
