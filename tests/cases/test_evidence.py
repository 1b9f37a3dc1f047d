"""Evidence files: checked before anything is written, stored under their SHA-256, with a
chain of custody, and re-checked on every download."""

from __future__ import annotations

import hashlib

import pytest

from counterflow.cases import (
    MAX_BYTES,
    CustodyEvent,
    Evidence,
    add_evidence,
    custody,
    download,
    evidence_list,
)
from counterflow.cases.evidence import blob_path
from counterflow.model.errors import InvalidFieldsError, NotFoundError, PermissionDeniedError

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(world, storage, case_id, filename="statement.pdf", content=PDF, by="np.investigator"):
    with world.sessions.begin() as session:
        return add_evidence(
            session,
            actor=world[by],
            case_id=case_id,
            filename=filename,
            content=content,
            description="  Victim statement, 14 March  ",
            storage=storage,
        )


def test_an_upload_is_stored_under_its_hash_with_custody(world, new_case, storage) -> None:
    case_id = new_case("np.investigator")
    ev = upload(world, storage, case_id)
    digest = hashlib.sha256(PDF).hexdigest()
    assert (ev.sha256, ev.size, ev.content_type) == (digest, len(PDF), "application/pdf")
    assert (ev.filename, ev.description) == ("statement.pdf", "Victim statement, 14 March")
    path = blob_path(storage, digest)
    assert path == storage / digest[:2] / digest
    assert path.read_bytes() == PDF
    assert [p.name for p in path.parent.iterdir()] == [digest]  # no temporary file left
    with world.sessions.begin() as session:
        chain = custody(session, actor=world["np.analyst"], case_id=case_id, evidence_id=ev.id)
        assert [(c.action, c.sha256_seen, user) for c, user in chain] == [
            ("received", digest, "np.investigator")
        ]
        assert [
            e.id for e in evidence_list(session, actor=world["np.analyst"], case_id=case_id)
        ] == [ev.id]
    created = world.events(action="create", object_type="evidence")
    assert [(e.case_id, e.object_id) for e in created] == [(case_id, str(ev.id))]
    assert digest in created[0].detail


def test_a_download_rechecks_the_hash_and_is_a_custody_event(world, new_case, storage) -> None:
    case_id = new_case("np.investigator")
    ev = upload(world, storage, case_id, "photo.png", PNG)
    with world.sessions.begin() as session:
        got = download(
            session, actor=world["np.analyst"], case_id=case_id, evidence_id=ev.id, storage=storage
        )
    assert got.content == PNG
    assert got.evidence.content_type == "image/png"
    with world.sessions() as session:
        chain = custody(session, actor=world["np.analyst"], case_id=case_id, evidence_id=ev.id)
    assert [(c.action, c.note, u) for c, u in chain] == [
        ("received", "uploaded", "np.investigator"),
        ("downloaded", "", "np.analyst"),
    ]
    downloads = world.events(action="download")
    assert [(e.case_id, e.detail) for e in downloads] == [(case_id, '{"sha256_ok":true}')]


@pytest.mark.parametrize("damage", ["altered", "missing"])
def test_a_tampered_file_is_refused_and_the_mismatch_recorded(
    world, new_case, storage, damage
) -> None:
    case_id = new_case("np.investigator")
    ev = upload(world, storage, case_id)
    path = blob_path(storage, ev.sha256)
    if damage == "altered":
        path.write_bytes(PDF.replace(b"Catalog", b"Catalof"))
    else:
        path.unlink()
    with world.sessions() as session:
        with pytest.raises(NotFoundError, match="does not match its SHA-256"):
            download(
                session,
                actor=world["np.analyst"],
                case_id=case_id,
                evidence_id=ev.id,
                storage=storage,
            )
        # The service writes the custody note and the audit event before it raises: the
        # caller commits them even though the download failed (else the mismatch is lost).
        session.commit()
    with world.sessions() as session:
        chain = custody(session, actor=world["np.analyst"], case_id=case_id, evidence_id=ev.id)
    last, _ = chain[-1]
    assert last.action == "downloaded"
    assert last.note.startswith("HASH MISMATCH")
    assert last.sha256_seen != ev.sha256
    assert world.events(action="download")[-1].detail == '{"sha256_ok":false}'


BAD_UPLOADS = [
    ("report.pdf", b"MZ\x90\x00 this is a Windows program", "not a .pdf file"),
    ("photo.jpg", PNG, "not a .jpg file"),
    ("tool.exe", b"MZ\x90\x00", "type .exe not accepted"),
    ("noextension", PDF, r"type \(none\) not accepted"),
    ("notes.txt", b"caf\xe9", "must be UTF-8"),
    ("notes.txt", b"a\x00b", "NUL"),
    ("empty.pdf", b"", "empty"),
    ("huge.pdf", b"%PDF-" + b"0" * MAX_BYTES, "at most 20 MiB"),
]


def test_bad_uploads_are_refused_before_anything_is_written(world, new_case, storage) -> None:
    case_id = new_case("np.investigator")
    for filename, content, why in BAD_UPLOADS:
        with pytest.raises(InvalidFieldsError, match=why) as err:
            upload(world, storage, case_id, filename, content)
        assert set(err.value.errors) == {"file"}
    assert list(storage.iterdir()) == []
    assert world.count(Evidence) == 0
    assert world.events(object_type="evidence") == []


def test_text_files_and_unsafe_names(world, new_case, storage) -> None:
    case_id = new_case("np.investigator")
    ev = upload(world, storage, case_id, "..\\..\\etc/<ledger>.csv", b"date,amount\n")
    assert ev.filename == "_ledger_.csv"
    assert ev.content_type == "text/csv; charset=utf-8"
    khmer = upload(world, storage, case_id, "សេចក្តីថ្លែង.txt", "សេចក្តីថ្លែងការណ៍".encode())
    assert khmer.filename == "សេចក្តីថ្លែង.txt"
    # The same bytes twice: two evidence records, one stored file.
    again = upload(world, storage, case_id, "copy.csv", b"date,amount\n")
    assert again.sha256 == ev.sha256
    assert sum(1 for p in storage.rglob("*") if p.is_file()) == 2


def test_only_those_who_contribute_upload_and_only_viewers_download(
    world, new_case, storage, share
) -> None:
    case_id = new_case("np.investigator")
    ev = upload(world, storage, case_id)
    share(case_id, "GMP", "read")
    with pytest.raises(PermissionDeniedError):
        upload(world, storage, case_id, by="gmp.investigator")
    with pytest.raises(NotFoundError):
        upload(world, storage, case_id, by="cafiu.analyst")
    with world.sessions.begin() as session:
        got = download(
            session,
            actor=world["gmp.investigator"],
            case_id=case_id,
            evidence_id=ev.id,
            storage=storage,
        )
        assert got.content == PDF
    other_case = new_case("np.investigator")
    with world.sessions() as session:
        for who, case in (("cafiu.analyst", case_id), ("np.analyst", other_case)):
            with pytest.raises(NotFoundError):
                download(
                    session, actor=world[who], case_id=case, evidence_id=ev.id, storage=storage
                )
    assert world.count(CustodyEvent) == 2  # received, and GMP's download
