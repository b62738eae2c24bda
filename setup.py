"""The one compiled part: `truce.storage._chaincheck`, the SQLite chain check of `truce verify`
(`storage.verify_compiled`). It is optional: where it cannot be built (no C compiler, or no
SQLite or OpenSSL headers), the package installs without it and verify checks every entry in
Python, with the same results, more slowly. Everything else is in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "truce.storage._chaincheck",
            sources=["src/truce/storage/_chaincheck.c"],
            libraries=["sqlite3", "crypto"],
            extra_compile_args=["-O2"],
            optional=True,
        )
    ]
)
