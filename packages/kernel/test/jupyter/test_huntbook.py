"""Jupyter's kernel conformance suite (jupyter_kernel_test, from Debian's
python3-jupyter-kernel-test) against the Huntbook kernel.

Run by packages/kernel/test/kernel-conformance.test.ts with /usr/bin/python3 and JUPYTER_PATH
pointing at a folder where `huntbook kernel install --prefix` wrote the kernelspec; the
kernelspec name comes from HUNTBOOK_KERNEL_NAME (default "huntbook").
"""
import os
import unittest

import jupyter_kernel_test


class HuntbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("HUNTBOOK_KERNEL_NAME", "huntbook")

    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = "console.log('hello, world')"
    code_stderr = "console.error('something went wrong')"

    completion_samples = [
        {"text": "Math.SQRT", "matches": {"SQRT1_2", "SQRT2"}},
        {"text": "JSON.str", "matches": {"stringify"}},
    ]

    complete_code_samples = [
        "1",
        "const x: number = 1",
        "function f(a: string): string { return a }",
        "await Promise.resolve(1)",
        "%%kql\nSecurityEvent | take 10",
    ]
    incomplete_code_samples = [
        "function f() {",
        "const a = [1,",
        "if (ok) {\n  run()",
        "const s = `an open template",
    ]
    invalid_code_samples = [
        "1 +* 2",
        "const = 5",
        "let y = 1;)",
    ]

    code_generate_error = "throw new Error('this cell fails')"

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "'hunt' + 'book'", "result": "'huntbook'"},
        {"code": "[1, 2]", "result": "[ 1, 2 ]"},
    ]

    code_display_data = [
        {"code": "display.html('<b>found it</b>')", "mime": "text/html"},
        {"code": "display.markdown('# Findings')", "mime": "text/markdown"},
        {"code": "display({ host: 'web01' })", "mime": "text/plain"},
    ]

    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_page_something = "Math.max?"

    code_clear_output = "display.clear()"


if __name__ == "__main__":
    unittest.main()
