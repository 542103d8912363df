"""Where the host key goes: the platform keyring when ``keyring`` works, else an owner-only
file; never the password."""

from __future__ import annotations

import sys
import types

import pytest

from srsapp.service.ankisync import login

SERVER, USER = "http://h:8080/", "me"


class FakeKeyring(types.ModuleType):
    def __init__(self, broken: bool = False) -> None:
        super().__init__("keyring")
        self.store: dict[tuple[str, str], str] = {}
        self.broken = broken

    def set_password(self, service: str, account: str, key: str) -> None:
        if self.broken:
            raise RuntimeError("no keyring backend")
        self.store[(service, account)] = key

    def get_password(self, service: str, account: str) -> str | None:
        if self.broken:
            raise RuntimeError("no keyring backend")
        return self.store.get((service, account))

    def delete_password(self, service: str, account: str) -> None:
        self.store.pop((service, account), None)


@pytest.fixture
def ring(monkeypatch: pytest.MonkeyPatch) -> FakeKeyring:
    fake = FakeKeyring()
    monkeypatch.delenv("SRSAPP_NO_KEYRING", raising=False)
    monkeypatch.setitem(sys.modules, "keyring", fake)
    return fake


def test_key_in_the_keyring(col, ring: FakeKeyring) -> None:  # type: ignore[no-untyped-def]
    assert login.save_key(col, SERVER, USER, "k1") == "keyring"
    assert ring.store == {(login.KEYRING_SERVICE, f"{USER}@{SERVER}"): "k1"}
    assert not (col.data_dir / login.KEY_FILE).exists()
    assert login.load_key(col, SERVER, USER) == "k1"
    assert login.load_key(col, SERVER, "other") is None
    login.forget_key(col, SERVER, USER)
    assert login.load_key(col, SERVER, USER) is None


def test_a_broken_keyring_falls_back_to_the_file(col, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SRSAPP_NO_KEYRING", raising=False)
    monkeypatch.setitem(sys.modules, "keyring", FakeKeyring(broken=True))
    assert login.save_key(col, SERVER, USER, "k2") == "file"
    path = col.data_dir / login.KEY_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert login.load_key(col, SERVER, USER) == "k2"
    assert login.load_key(col, "http://elsewhere/", USER) is None  # another account
    login.forget_key(col, SERVER, USER)
    assert not path.exists()


def test_without_keyring_the_file(col, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring -> ImportError
    monkeypatch.delenv("SRSAPP_NO_KEYRING", raising=False)
    assert login.save_key(col, SERVER, USER, "k3") == "file"
    assert login.load_key(col, SERVER, USER) == "k3"
