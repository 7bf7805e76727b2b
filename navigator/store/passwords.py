"""argon2id password hashes (argon2-cffi). Tests use the library's CHEAPEST profile for speed."""

from __future__ import annotations

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

_PROFILES = {
    "RFC_9106_LOW_MEMORY": argon2.profiles.RFC_9106_LOW_MEMORY,
    "CHEAPEST": argon2.profiles.CHEAPEST,
}
_hasher = argon2.PasswordHasher.from_parameters(_PROFILES["RFC_9106_LOW_MEMORY"])

# Password rules (checked in navigator.store.accounts.check_password, documented in README):
# 10 to 1,000 characters, not one character repeated, not the email address or its name part,
# not one of the passwords every guessing list starts with.
MIN_LENGTH = 10
MAX_LENGTH = 1000
COMMON = frozenset({
    "password123", "password1234", "password12345", "passw0rd123", "1234567890", "0123456789",
    "12345678910", "123456789012", "0987654321", "qwertyuiop", "qwerty12345", "1q2w3e4r5t",
    "abcdefghij", "abcd123456", "abc1234567", "iloveyou123", "letmein123", "welcome123",
    "admin12345", "administrator", "changeme123", "1qaz2wsx3edc", "asdfghjkl;", "zaq12wsxcde",
})


def use_profile(name: str) -> None:
    global _hasher
    _hasher = argon2.PasswordHasher.from_parameters(_PROFILES[name])


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


_decoy_hashes: dict[int, str] = {}


def burn_time(password: str) -> None:
    """Verifying against a decoy hash when the email is unknown keeps sign-in time the same
    either way, so response times do not tell which emails have accounts."""
    key = id(_hasher)
    if key not in _decoy_hashes:
        _decoy_hashes[key] = _hasher.hash("decoy-password")
    verify_password(_decoy_hashes[key], password)
