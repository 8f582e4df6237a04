"""Benchmark: one-shot fill of the 20-field Loan form, request in to every value read back.

Starts the replicas and a Gofer server on 127.0.0.1, warms up (schema discovery, browser), then
sends the same one-message request in fresh conversations and times each POST /api/execute.
Usage: uv run --frozen python bench/forms.py [--runs 20] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from typing import Any

import httpx

from gofer.evaluation.forms import LocalServers, local_servers
from gofer.evaluation.scoring import percentile

MESSAGE = (
    "Mở đơn vay cho khách hàng Nguyễn Văn An, CCCD 012345678901, số điện thoại 0912345678, "
    "email an.nguyen@example.com, địa chỉ thường trú 12 Láng Hạ, Đống Đa, Hà Nội, "
    "ngày sinh 15/03/1990, giới tính nam, tình trạng việc làm đang làm việc, "
    "công ty FPT Software, thu nhập hàng tháng 30 triệu, "
    "địa chỉ nơi làm việc 17 Duy Tân, Cầu Giấy, số tiền vay 500 triệu, kỳ hạn 24 tháng, "
    "mục đích vay mua nhà, ngày đăng ký hôm nay, loại tài sản bất động sản, "
    "giá trị tài sản 2 tỷ, mô tả tài sản căn hộ chung cư ở Cầu Giấy, "
    "nhân viên quan hệ Trần Thị Bình, ghi chú thêm khách hàng ưu tiên."
)
WARMUP_RUNS = 2


async def one_fill(client: httpx.AsyncClient) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    response = await client.post("/api/execute", json={"user_message": MESSAGE, "form": "loan"})
    elapsed = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return elapsed, response.json()


async def bench(servers: LocalServers, runs: int) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {servers.token}"}
    async with httpx.AsyncClient(
        base_url=servers.gofer.url, headers=headers, timeout=120
    ) as client:
        warmup = [(await one_fill(client))[0] for _ in range(WARMUP_RUNS)]
        latencies: list[float] = []
        server_ms: list[float] = []
        filled_counts: list[int] = []
        mismatches = 0
        for _ in range(runs):
            elapsed, answer = await one_fill(client)
            latencies.append(elapsed)
            server_ms.append(float(answer.get("timings_ms", {}).get("total", 0)))
            filled_counts.append(len(answer.get("filled", {})))
            mismatches += len(answer.get("mismatches", {}))
    return {
        "fill_p50_ms": round(percentile(latencies, 50)),
        "fill_p95_ms": round(percentile(latencies, 95)),
        "fill_mean_ms": round(statistics.fmean(latencies)),
        "workflow_p50_ms": round(percentile(server_ms, 50)),
        "first_fill_ms": round(warmup[0]),
        "runs": runs,
        "fields_filled_min": min(filled_counts),
        "fields_on_form": 20,
        "mismatches": mismatches,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    with local_servers() as servers:
        figures = asyncio.run(bench(servers, args.runs))
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
