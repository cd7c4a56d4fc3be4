"""Random-weight models in standard Hugging Face folders, for tests and benchmarks.

The real models cannot be downloaded here, so tests and benchmarks build models with
random weights: tokenizers are trained on the given text in about a second, weights are
drawn from a fixed seed. Shapes default to tiny; `MARIAN_REAL_SHAPES` gives
opus-mt-nl-en's shapes for benchmarks. The folders load through the same code as the
real models (AutoTokenizer / AutoModelForSeq2SeqLM), so the whole pipeline runs on them.

Usage: python -m translate.randmodels OUT_DIR [--text FILE ...] [--real-shapes]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
from pathlib import Path

TINY_SHAPES = {"d_model": 32, "layers": 2, "heads": 2, "ffn": 64}
MARIAN_REAL_SHAPES = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048, "vocab_size": 67028}
BART_REAL_SHAPES = {"d_model": 1024, "layers": 6, "heads": 16, "ffn": 4096, "vocab_size": 50264}  # tokenizer: 50265


def _train_spm(lines: list[str], vocab_size: int, model_type: str = "unigram", **extra) -> bytes:
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=buffer, vocab_size=vocab_size,
        model_type=model_type, hard_vocab_limit=False, character_coverage=1.0,
        minloglevel=2, num_threads=1, **extra,
    )
    return buffer.getvalue()


def _pieces(spm_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=spm_bytes)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _marian_vocab(pieces: list[str], vocab_size: int | None) -> dict[str, int]:
    # Marian convention: </s> = 0, <unk> = 1, pieces after, <pad> last.
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in pieces:
        vocab.setdefault(piece, len(vocab))
    while vocab_size and len(vocab) < vocab_size - 1:
        vocab[f"▁filler{len(vocab)}"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    return vocab


def _randomise(model, seed: int) -> None:
    import torch

    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, param in sorted(model.named_parameters()):
            # Static sinusoidal position tables stay as built; the rest is drawn anew.
            if "embed_positions" in name:
                continue
            param.copy_(torch.randn(param.shape, generator=generator) * 0.2)


def _like_converted_opus_mt(model, pad: int) -> None:
    """A zero <pad> embedding and a zero final_logits_bias, as the converted opus-mt models have.

    The decoder starts from the <pad> embedding, where CTranslate2 starts from a zero vector. <pad> keeps
    a share of the probability in the model's own softmax, as in the real checkpoints: beam search bans
    it (bad_words_ids), CTranslate2 drops it from the vocabulary, and the transformers backend's score
    masks it, so that both backends' scores are over the tokens a search can choose.
    """
    import torch

    with torch.no_grad():
        model.model.shared.weight[pad] = 0
        model.final_logits_bias.zero_()


def _text_lines(texts: list[str]) -> list[str]:
    lines = [line.strip() for text in texts for line in text.splitlines() if line.strip()]
    # Sentence-sized lines train better pieces than whole paragraphs.
    return [part.strip() + "." for line in lines for part in line.split(".") if part.strip()]


def build_marian(out: Path, texts: list[str], shapes: dict | None = None, seed: int = 0,
                 max_positions: int = 512) -> Path:
    """Write a random-weight MarianMT folder (tokenizer trained on `texts`) to `out`."""
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    shapes = {**TINY_SHAPES, **(shapes or {})}
    out.mkdir(parents=True, exist_ok=True)
    lines = _text_lines(texts)
    source = _train_spm(lines, 300)
    target = _train_spm(lines, 250)
    (out / "source.spm").write_bytes(source)
    (out / "target.spm").write_bytes(target)
    vocab = _marian_vocab(_pieces(source) + _pieces(target), shapes.get("vocab_size"))
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
                                source_lang="nl", target_lang="en")
    tokenizer.save_pretrained(out)
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab), d_model=shapes["d_model"], encoder_layers=shapes["layers"],
        decoder_layers=shapes["layers"], encoder_attention_heads=shapes["heads"],
        decoder_attention_heads=shapes["heads"], encoder_ffn_dim=shapes["ffn"], decoder_ffn_dim=shapes["ffn"],
        max_position_embeddings=max_positions, activation_function="swish", scale_embedding=True,
        pad_token_id=pad, eos_token_id=0, bos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True,
    )
    model = MarianMTModel(config)
    _randomise(model, seed)
    _like_converted_opus_mt(model, pad)
    # The generation config of opus-mt-nl-en at the pinned revision (renormalize_logits came in a later
    # commit), so decoding follows the same path.
    model.generation_config = GenerationConfig(
        num_beams=6, max_length=max_positions, bos_token_id=0, eos_token_id=0, forced_eos_token_id=0,
        pad_token_id=pad, decoder_start_token_id=pad, bad_words_ids=[[pad]],
    )
    model.save_pretrained(out)
    return out


def build_bart(out: Path, texts: list[str], shapes: dict | None = None, seed: int = 1,
               max_positions: int = 1024, max_length: int = 40, min_length: int = 8) -> Path:
    """Write a random-weight BART summariser folder (byte-level BPE trained on `texts`) to `out`."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, GenerationConfig, RobertaTokenizer

    shapes = {**TINY_SHAPES, **(shapes or {})}
    out.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(_text_lines(texts), vocab_size=600, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>"], show_progress=False)
    bpe.save_model(str(out))
    # As in distilbart-cnn (and bart-large-cnn): <mask> is the tokenizer's last id, one past the model's
    # vocabulary, so the literal text "<mask>" is an IndexError unless it is tokenised as text.
    vocab = json.loads((out / "vocab.json").read_text(encoding="utf-8"))
    while len(vocab) < (shapes.get("vocab_size") or 0):
        vocab[f"filler{len(vocab)}"] = len(vocab)
    vocab["<mask>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = RobertaTokenizer(vocab=str(out / "vocab.json"), merges=str(out / "merges.txt"))
    tokenizer.save_pretrained(out)
    vocab_size = len(tokenizer) - 1
    config = BartConfig(
        vocab_size=vocab_size, d_model=shapes["d_model"], encoder_layers=shapes["layers"],
        decoder_layers=shapes["layers"], encoder_attention_heads=shapes["heads"],
        decoder_attention_heads=shapes["heads"], encoder_ffn_dim=shapes["ffn"], decoder_ffn_dim=shapes["ffn"],
        max_position_embeddings=max_positions, bos_token_id=0, pad_token_id=1, eos_token_id=2,
        decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2,
    )
    model = BartForConditionalGeneration(config)
    _randomise(model, seed)
    # distilbart-cnn's usual summary settings, with a short max_length so tests stay fast.
    model.generation_config = GenerationConfig(
        num_beams=4, max_length=max_length, min_length=min_length, length_penalty=2.0, no_repeat_ngram_size=3,
        early_stopping=True, bos_token_id=0, pad_token_id=1, eos_token_id=2, decoder_start_token_id=2,
        forced_bos_token_id=0, forced_eos_token_id=2,
    )
    model.save_pretrained(out)
    return out


def build_t5(out: Path, texts: list[str], shapes: dict | None = None, seed: int = 2,
             max_length: int = 30) -> Path:
    """Write a random-weight T5 summariser folder (SentencePiece trained on `texts`) to `out`."""
    import sentencepiece as spm
    from transformers import GenerationConfig, T5Config, T5ForConditionalGeneration, T5Tokenizer

    shapes = {**TINY_SHAPES, **(shapes or {})}
    out.mkdir(parents=True, exist_ok=True)
    spm_bytes = _train_spm(_text_lines([*texts, "summarize: "]), 300, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    # Transformers 5 builds T5's tokenizer from (piece, score) pairs: pad 0, </s> 1, <unk> 2.
    processor = spm.SentencePieceProcessor(model_proto=spm_bytes)
    pieces = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]
    tokenizer = T5Tokenizer(vocab=pieces, extra_ids=0, model_max_length=512)
    tokenizer.save_pretrained(out)
    config = T5Config(
        vocab_size=len(tokenizer), d_model=shapes["d_model"], d_kv=shapes["d_model"] // shapes["heads"],
        d_ff=shapes["ffn"], num_layers=shapes["layers"], num_heads=shapes["heads"], pad_token_id=0,
        eos_token_id=1, decoder_start_token_id=0,
        task_specific_params={"summarization": {"prefix": "summarize: "}},
    )
    model = T5ForConditionalGeneration(config)
    _randomise(model, seed)
    model.generation_config = GenerationConfig(num_beams=2, max_length=max_length, pad_token_id=0, eos_token_id=1,
                                               decoder_start_token_id=0)
    model.save_pretrained(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m translate.randmodels", description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write marian/, bart/ and t5/ into")
    parser.add_argument("--text", type=Path, nargs="*", default=sorted(Path("seeds").glob("*.txt")),
                        help="text to train the tokenizers on (default: seeds/*.txt)")
    parser.add_argument("--real-shapes", action="store_true", help="opus-mt-nl-en / distilbart shapes")
    args = parser.parse_args(argv)
    texts = [path.read_text(encoding="utf-8") for path in args.text]
    if not texts:
        parser.error("no text to train the tokenizers on")
    random.seed(0)
    build_marian(args.out / "marian", texts, MARIAN_REAL_SHAPES if args.real_shapes else None)
    build_bart(args.out / "bart", texts, BART_REAL_SHAPES if args.real_shapes else None)
    build_t5(args.out / "t5", texts)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
