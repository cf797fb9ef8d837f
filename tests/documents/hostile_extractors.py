"""Extractors that misbehave, run in the extraction child process by the limit tests."""

import time


def sleep_forever(data: bytes) -> str:
    time.sleep(60)
    return "never"


def eat_memory(data: bytes) -> str:
    # Far above the patched limit: the allocation fails at once instead of touching pages.
    hog = bytearray(2 * 1024**3)
    return str(len(hog))


def long_text(data: bytes) -> str:
    return "palabra " * 1000
