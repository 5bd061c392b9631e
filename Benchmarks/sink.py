#!/usr/bin/env python3
"""A minimal HTTP/1.1 sink on 127.0.0.1 for the delivery benchmarks: answers every request 204,
keeps connections alive, and records each POST's webhook-id and arrival time.

    python3 sink.py PORT_FILE RECORD_FILE

Writes the port it listens on to PORT_FILE, and on SIGTERM (or when stdin closes) writes one line
per POST to RECORD_FILE: "<arrival unix time> <webhook-id>". GET requests (for wrk) are answered
and not recorded.
"""
import asyncio
import signal
import sys
import time

records = []


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            webhook_id = None
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"webhook-id":
                    webhook_id = value.strip().decode()
            if length:
                await reader.readexactly(length)
            if head.startswith(b"POST"):
                records.append((time.time(), webhook_id or "-"))
            writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    port_file, record_file = sys.argv[1], sys.argv[2]
    server = await asyncio.start_server(serve, "127.0.0.1", 0, backlog=1024)
    with open(port_file, "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.buffer.read1(1024) else None)
    await stop.wait()
    with open(record_file, "w") as f:
        for arrival, webhook_id in records:
            f.write(f"{arrival:.6f} {webhook_id}\n")


asyncio.run(main())
