"""Starts the real POY server (`node --import tsx apps/server/src/cli.ts serve`) for integration
tests: a fresh embedded database in a temp dir, a free port, and the demo test key it prints once."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from typing import List, Optional

import _support

KEY_LINE = re.compile(r"Test API key \(shown once, store it now\): (poy_test_[A-Za-z0-9]+)")
START_TIMEOUT_SECONDS = 60.0


class ServerUnavailable(Exception):
    """node or the repo's node_modules are missing: integration tests are skipped, not failed."""


class PoyServer:
    def __init__(self) -> None:
        self.port = _support.free_port()
        self.base_url = f"http://localhost:{self.port}"
        self.data_dir = tempfile.mkdtemp(prefix="poy-sdk-python-")
        self.output: List[str] = []
        self.api_key: Optional[str] = None
        self.process: Optional["subprocess.Popen[str]"] = None
        self._key_seen = threading.Event()

    def start(self) -> "PoyServer":
        node = shutil.which("node")
        tsx = os.path.join(_support.REPO_ROOT, "node_modules", "tsx")
        cli = os.path.join(_support.REPO_ROOT, "apps", "server", "src", "cli.ts")
        if node is None or not os.path.isdir(tsx) or not os.path.exists(cli):
            raise ServerUnavailable("node, node_modules/tsx or apps/server is missing (run npm install at the repo root)")
        env = {
            **os.environ,
            "DATA_DIR": self.data_dir,
            "PORT": str(self.port),
            "PUBLIC_URL": self.base_url,
            "LOG_LEVEL": "warn",
            # Development mode already allows private destinations; this keeps the receiver allowed
            # should that default change.
            "WEBHOOK_ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        for name in ("DATABASE_URL", "REDIS_URL", "POY_MODE", "NODE_ENV", "WEBHOOK_WORKER"):
            env.pop(name, None)
        self.process = subprocess.Popen(
            [node, "--import", "tsx", "apps/server/src/cli.ts", "serve"],
            cwd=_support.REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        atexit.register(self.stop)  # even if the test run is interrupted before tearDownClass
        threading.Thread(target=self._read_output, daemon=True).start()
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _read_output(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line.rstrip("\n"))
            match = KEY_LINE.search(line)
            if match and self.api_key is None:
                self.api_key = match.group(1)
                self._key_seen.set()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        healthy = False
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"the POY server exited with {self.process.returncode}:\n{self.log()}")
            if not healthy:
                try:
                    with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=1) as answer:
                        healthy = answer.status == 200
                except OSError:
                    pass
            # The demo key is printed right after the server starts listening.
            if healthy and self._key_seen.wait(timeout=0.1):
                return
            time.sleep(0.1)
        raise RuntimeError(f"the POY server was not ready within {START_TIMEOUT_SECONDS:.0f} s:\n{self.log()}")

    def log(self) -> str:
        return "\n".join(self.output[-40:])

    def stop(self) -> None:
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if process is not None and process.stdout is not None:
            process.stdout.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)
