#!/usr/bin/env python3
"""Write corpus/port_sabel_times.warc.gz from warc_source/ (fictional sample data).

The archive holds a warcinfo record and one HTTP response carrying the Port Sabel Times page.
Record ids and dates are fixed and gzip members carry no timestamp, so running this script
again reproduces the committed file byte for byte (``--check`` compares the uncompressed
records, so that another zlib build, which may compress differently, still passes):

    python examples/make_warc.py            # rewrite the archive
    python examples/make_warc.py --check    # exit 1 if the committed archive differs
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "warc_source" / "port_sabel_times_first_violations.html"
TARGET = HERE / "corpus" / "port_sabel_times.warc.gz"
URL = "https://portsabeltimes.example/news/2026/03/12/first-truce-violations-myrrin"
CAPTURED = "2026-03-12T11:45:00Z"
NAMESPACE = uuid.UUID("6f1d3c52-0b7e-4a35-9a8e-2f4c1d0e9b11")


def record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, name)}>"


def build() -> bytes:
    """Return the gzip-compressed WARC as bytes."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    info = (
        b"software: storyline examples/make_warc.py\r\n"
        b"format: WARC File Format 1.0\r\n"
        b"description: FICTIONAL SAMPLE. An invented news page for storyline's examples; "
        b"every country, person and outlet in it is invented.\r\n"
    )
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo"),
                "WARC-Date": CAPTURED,
                "WARC-Filename": TARGET.name,
            },
        )
    )
    body = SOURCE.read_bytes()
    http_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Date", "Thu, 12 Mar 2026 11:45:00 GMT"),
            ("Server", "example"),
        ],
        protocol="HTTP/1.1",
    )
    writer.write_record(
        writer.create_warc_record(
            URL,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Record-ID": record_id(URL), "WARC-Date": CAPTURED},
        )
    )
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="compare with the committed archive")
    args = parser.parse_args()
    data = build()
    if args.check:
        same = TARGET.is_file() and gzip.decompress(TARGET.read_bytes()) == gzip.decompress(data)
        print("up to date" if same else f"{TARGET} differs from a fresh build")
        return 0 if same else 1
    TARGET.write_bytes(data)
    print(f"wrote {TARGET} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
