"""Hostile input through a real socket: each is answered with a log line or an
error reply, and the kernel keeps serving."""

import json
import time

import zmq

from utils import TIMEOUT, RawShell, execute_ok, get_reply


def recv_reply(raw, msg_id, timeout=TIMEOUT):
    """The reply to msg_id on the raw socket, or None."""
    raw.sock.rcvtimeo = int(timeout * 1000)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            frames = raw.sock.recv_multipart()
        except zmq.Again:
            return None
        i = frames.index(RawShell.DELIM)
        parent = json.loads(frames[i + 3])
        if parent.get("msg_id") == msg_id:
            return {"header": json.loads(frames[i + 2]), "content": json.loads(frames[i + 5])}
    return None


def send_raw_content(raw, msg_type, content_bytes):
    """Send a correctly signed message whose content frame is content_bytes."""
    header = raw.header(msg_type)
    parts = [json.dumps(header).encode(), b"{}", b"{}", content_bytes]
    raw.send_frames([RawShell.DELIM, raw.sign(parts)] + parts)
    return header["msg_id"]


def still_serving(kc):
    assert execute_ok(kc, "6 * 7").result == "42"


def test_huge_cell_gets_an_error_reply(kernel):
    km, kc = kernel
    raw = RawShell(km)
    try:
        code = "// " + "x" * (100 << 20)
        msg_id = send_raw_content(raw, "execute_request", json.dumps({"code": code}).encode())
        reply = recv_reply(raw, msg_id, timeout=60)
        assert reply is not None, "no reply to a 100 MB cell"
        assert reply["content"]["status"] == "error"
        assert "MB" in reply["content"]["evalue"], reply["content"]
    finally:
        raw.close()
    still_serving(kc)


def test_invalid_utf8_in_a_cell(kernel):
    km, kc = kernel
    raw = RawShell(km)
    try:
        msg_id = send_raw_content(raw, "execute_request", b'{"code": "x := \xff\xfe\\n"}')
        reply = recv_reply(raw, msg_id)
        assert reply is not None, "no reply to a cell with invalid UTF-8"
        assert reply["content"]["status"] == "error"
    finally:
        raw.close()
    still_serving(kc)


def test_execute_request_without_fields(kernel):
    km, kc = kernel
    raw = RawShell(km)
    try:
        msg_id = send_raw_content(raw, "execute_request", b"{}")
        reply = recv_reply(raw, msg_id)
        assert reply is not None and reply["content"]["status"] == "ok", reply
    finally:
        raw.close()
    still_serving(kc)


def test_flood_of_execute_requests(kernel):
    _, kc = kernel
    ids = [kc.execute(f"{i} + 1", silent=False) for i in range(1000)]
    counts = []
    for i, msg_id in enumerate(ids):
        reply = get_reply(kc, msg_id, timeout=60)
        assert reply["content"]["status"] == "ok", (i, reply["content"])
        counts.append(reply["content"]["execution_count"])
    assert counts == sorted(counts) and len(set(counts)) == 1000
    still_serving(kc)
