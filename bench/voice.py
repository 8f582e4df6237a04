"""Voice benchmark: turn latency over WebRTC, STT/TTS speed and accuracy, CPU per call, capacity.

Starts the replicas and Gofer as processes on 127.0.0.1 (offline speech models), talks to it with
the aiortc client (gofer.voice.client), and prints one JSON object. Speech is made at run time:
Piper for English, espeak-ng for Vietnamese and Swedish.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import time
from datetime import date, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import TOKEN, descendants, gofer, percentile, replicas
from gofer.voice import models
from gofer.voice.booking_request import parse
from gofer.voice.client import VoiceClient
from gofer.voice.stt import WhisperTranscriber
from gofer.voice.tts import EspeakSynthesizer, PiperSynthesizer, Speech
from gofer.voice.wording import fold

MODELS = Path(__file__).resolve().parents[1] / "data" / "voice-models"

STT_SENTENCES = {
    "en": [
        "Book a driving test in Uppsala before March.",
        "What is the status of my booking?",
        "Please cancel the booking.",
        "Open a loan application for a new customer.",
        "Yes, please go ahead.",
    ],
    "vi": [
        "Mở đơn vay cho khách hàng.",
        "Số điện thoại là không chín một hai ba bốn năm sáu bảy tám.",
        "Vay năm trăm triệu trong hai mươi bốn tháng.",
        "Đúng rồi, nộp đơn đi.",
        "Hủy lịch thi.",
    ],
    "sv": [
        "Boka ett körprov i Uppsala före mars.",
        "Hur går det med min bokning?",
        "Avboka provet.",
        "Ja, gör det.",
        "Jag vill ha en tid i Järfälla.",
    ],
}
LATENCY_UTTERANCE = {"en": "Say that again.", "vi": "Nhắc lại."}

# 20+ spoken booking commands with the slots a person means.
BOOKINGS: list[tuple[str, list[str], str | None]] = [
    ("Book a driving test in Uppsala before March.", ["Uppsala"], "03-01"),
    ("Book a driving test in Uppsala or Järfälla before March.", ["Uppsala", "Järfälla"], "03-01"),
    ("I need a driving test in Sollentuna before April.", ["Sollentuna"], "04-01"),
    ("Find me a driving test in Södertälje before the 15th of February.", ["Södertälje"], "02-15"),
    ("Book a driving test in Farsta or Järfälla.", ["Farsta", "Järfälla"], None),
    ("Can you book a driving test in Enköping before May?", ["Enköping"], "05-01"),
    ("Book a theory test in Stockholm before March.", ["Stockholm City"], "03-01"),
    ("Book a driving test in Västerås before June.", ["Västerås"], "06-01"),
    (
        "I want a driving test in Uppsala or Enköping before March.",
        ["Uppsala", "Enköping"],
        "03-01",
    ),
    ("Book a driving test in Eskilstuna.", ["Eskilstuna"], None),
    ("Book a driving test in Linköping before April.", ["Linköping"], "04-01"),
    ("Book a driving test in Örebro before the 20th of March.", ["Örebro"], "03-20"),
    ("Book me a driving test in Gävle or Uppsala.", ["Gävle", "Uppsala"], None),
    ("Driving test in Järfälla before February, please.", ["Järfälla"], "02-01"),
    ("Book a driving test in Norrköping before May.", ["Norrköping"], "05-01"),
    ("Book a driving test in Malmö or Lund before April.", ["Malmö", "Lund"], "04-01"),
    ("Please book a driving test in Helsingborg.", ["Helsingborg"], None),
    (
        "Book a driving test in Sollentuna or Farsta before March.",
        ["Sollentuna", "Farsta"],
        "03-01",
    ),
    ("Book a driving test in Jönköping before the 10th of April.", ["Jönköping"], "04-10"),
    ("Book a driving test in Karlstad before June.", ["Karlstad"], "06-01"),
    ("Book a driving test in Uppsala before the 1st of March.", ["Uppsala"], "03-01"),
    ("Book a driving test in Västerhaninge before April.", ["Västerhaninge"], "04-01"),
]


async def synth(text: str, language: str) -> Speech:
    if language == "en":
        return await asyncio.to_thread(PiperSynthesizer().synthesize_sync, text)
    return await EspeakSynthesizer().synthesize(text, language)


def wer(reference: str, hypothesis: str) -> tuple[int, int]:
    ref, hyp = fold(reference).split(), fold(hypothesis).split()
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1], len(ref)


async def stt_figures(stt: WhisperTranscriber) -> tuple[dict[str, float], dict[str, float]]:
    rtf: dict[str, float] = {}
    word_errors: dict[str, float] = {}
    for language, sentences in STT_SENTENCES.items():
        spent = audio = 0.0
        errors = words = 0
        for text in sentences:
            speech = await synth(text, language)
            started = time.perf_counter()
            heard = await stt.transcribe(speech.pcm16, speech.sample_rate, language)
            spent += time.perf_counter() - started
            audio += len(speech.pcm16) / 2 / speech.sample_rate
            e, n = wer(text, heard)
            errors, words = errors + e, words + n
        rtf[language] = round(spent / audio, 3)
        word_errors[language] = round(errors / words, 3)
    return rtf, word_errors


async def tts_figures() -> dict[str, float]:
    out: dict[str, float] = {}
    for language, sentences in STT_SENTENCES.items():
        spent = audio = 0.0
        for text in sentences:
            started = time.perf_counter()
            speech = await synth(text, language)
            spent += time.perf_counter() - started
            audio += len(speech.pcm16) / 2 / speech.sample_rate
        out[language] = round(spent / audio, 3)
    return out


def slot_accuracy(stt: WhisperTranscriber) -> tuple[float, list[str]]:
    """Spoken booking commands → STT → slots, against what was meant (places and date)."""
    today = date.today()
    right, misses = 0, []
    for text, places, before in BOOKINGS:
        speech = PiperSynthesizer().synthesize_sync(text)
        heard = stt.transcribe_sync(speech.pcm16, speech.sample_rate, "en")
        request = parse(heard, today, by_sound=True)
        got_before = request.before.strftime("%m-%d") if request.before else None
        if request.locations == places and got_before == before:
            right += 1
        else:
            misses.append(heard)
    return round(right / len(BOOKINGS), 3), misses


def server_means_ms(url: str) -> dict[str, float]:
    """Mean server-side STT, TTS and turn times per language (ms), from Gofer's /metrics."""
    text = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
    pattern = r'^gofer_voice_(\w+)_seconds_(sum|count)\{language="(\w+)"\} (\S+)$'
    values = {(m[0], m[1], m[2]): float(m[3]) for m in re.findall(pattern, text, re.M)}
    return {
        f"{name}_{language}": round(total / values[(name, "count", language)] * 1000)
        for (name, kind, language), total in values.items()
        if kind == "sum" and values.get((name, "count", language))
    }


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for p in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def call_turns(url: str, language: str, turns: int, speech: Speech) -> list[float]:
    """One call: `turns` utterances; each latency is end of speech → first bot audio (ms)."""
    client = VoiceClient(url, TOKEN)
    latencies: list[float] = []
    try:
        await client.connect(language=language, greet=False)
        await asyncio.sleep(1.0)  # let ICE/DTLS settle before the first word
        for _ in range(turns):
            ended = await client.say(speech.pcm16, speech.sample_rate)
            first = await client.wait_for_bot(ended, timeout_s=15)
            if os.environ.get("GOFER_VOICE_TRACE"):
                with open(os.environ["GOFER_VOICE_TRACE"], "a") as handle:
                    handle.write(f"{ended:.4f} client_speech_end\n")
                    handle.write(f"{first or 0:.4f} client_first_audio\n")
            if first is not None:
                latencies.append((first - ended) * 1000)
                await client.wait_for_quiet(0.8, timeout_s=20)
            else:
                latencies.append(15000.0)
    finally:
        await client.close()
    return latencies


def slot_figures(result: dict[str, object]) -> None:
    stt = WhisperTranscriber(MODELS)
    accuracy, misses = slot_accuracy(stt)
    result["booking_slot_accuracy_en"] = accuracy
    base_accuracy, _ = slot_accuracy(WhisperTranscriber(MODELS, english_model="base"))
    result["booking_slot_accuracy_en_with_base"] = base_accuracy
    result["booking_commands"] = len(BOOKINGS)
    result["booking_misheard"] = misses


async def run(
    turns: int,
    max_calls: int,
    slots_only: bool = False,
    latency_only: bool = False,
    languages: tuple[str, ...] = ("en", "vi"),
) -> dict[str, object]:
    models.assemble_all(MODELS)
    result: dict[str, object] = {"date": datetime.now().isoformat(timespec="seconds")}
    if slots_only:
        slot_figures(result)
        return result
    with replicas() as replica_url, gofer(replica_url, voice_models_dir=str(MODELS)) as (url, proc):
        for language in languages:
            speech = await synth(LATENCY_UTTERANCE[language], language)
            await call_turns(url, language, 1, speech)  # warm-up
            cpu0, wall0 = cpu_seconds(proc.pid), time.perf_counter()
            latencies = await call_turns(url, language, turns, speech)
            if language == "en":
                result["call_cpu_share"] = round(
                    (cpu_seconds(proc.pid) - cpu0) / (time.perf_counter() - wall0), 3
                )
            result[f"e2e_p50_ms_{language}"] = round(percentile(latencies, 50), 1)
            result[f"e2e_p95_ms_{language}"] = round(percentile(latencies, 95), 1)
            result[f"e2e_samples_{language}"] = len(latencies)
            result[f"e2e_ms_{language}"] = [round(x) for x in latencies]
        # Server-side means over every turn above (warm-up included): where the time goes.
        result["server_mean_ms"] = server_means_ms(url)
        if latency_only:
            return result
        speech = await synth(LATENCY_UTTERANCE["en"], "en")
        capacity, by_calls = 0, {}
        for calls in range(1, max_calls + 1):
            runs = await asyncio.gather(*(call_turns(url, "en", 3, speech) for _ in range(calls)))
            p95 = percentile([x for r in runs for x in r], 95)
            by_calls[str(calls)] = round(p95, 1)
            if p95 >= 2000:
                break
            capacity = calls
        result["max_calls_p95_under_2s"] = capacity
        result["p95_ms_by_concurrent_calls"] = by_calls
    # Offline figures after the server has gone, so they do not compete with it for the CPU.
    stt = WhisperTranscriber(MODELS)
    stt.warm_up(["en", "vi"])
    stt_rtf, stt_wer = await stt_figures(stt)
    result["stt_rtf"] = stt_rtf
    result["stt_wer"] = stt_wer
    tts = await tts_figures()
    result["tts_rtf"] = tts["en"]
    result["tts_rtf_by_language"] = tts
    slot_figures(result)
    result["cpu_note"] = "2 cores shared with other engineers' builds and tests during the run"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--turns", type=int, default=8, help="measured turns per language")
    parser.add_argument("--max-calls", type=int, default=4, help="highest concurrency tried")
    parser.add_argument(
        "--slots-only",
        action="store_true",
        help="only the booking-request slot accuracy (no server, no latency)",
    )
    parser.add_argument(
        "--latency-only",
        action="store_true",
        help="only the turn latency per language (no capacity, no offline figures)",
    )
    parser.add_argument(
        "--languages", default="en,vi", help="languages of the latency calls (en, vi)"
    )
    args = parser.parse_args()
    languages = tuple(args.languages.split(","))
    result = asyncio.run(
        run(args.turns, args.max_calls, args.slots_only, args.latency_only, languages)
    )
    text = json.dumps(result, ensure_ascii=False, indent=None if args.json else 2)
    print(re.sub(r"\s+$", "", text))


if __name__ == "__main__":
    main()
