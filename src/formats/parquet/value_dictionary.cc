#include "formats/parquet/value_dictionary.h"

#include <cstring>

#include "common/macros.h"

namespace inlet::parquet {

namespace {

// murmur3's 64-bit finalizer: every input bit affects every output bit, so the low bits used
// as a slot number are well mixed even for sequential integers.
uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// The first sizeof(Word) bytes at `p` as a little-endian word.
template <typename Word>
Word Load(const char* p) {
  Word v;
  std::memcpy(&v, p, sizeof(Word));
  return v;
}

// A word made of all `n` < 8 bytes at `p`, with fixed-size loads only (a memcpy of a variable
// length is a library call). Overlapping loads are fine: HashBytes also folds in the length.
uint64_t LoadShortTail(const char* p, size_t n) {
  if (n >= 4) return Load<uint32_t>(p) | static_cast<uint64_t>(Load<uint32_t>(p + n - 4)) << 32;
  if (n == 0) return 0;
  return static_cast<uint8_t>(p[0]) | static_cast<uint64_t>(static_cast<uint8_t>(p[n / 2])) << 8 |
         static_cast<uint64_t>(static_cast<uint8_t>(p[n - 1])) << 16;
}

// A hash of `bytes`: whole 8-byte words, then the tail, each folded in with a multiply.
uint64_t HashBytes(std::string_view bytes) {
  constexpr uint64_t kMul = 0x9e3779b97f4a7c15ULL;
  uint64_t h = bytes.size() * kMul;
  const char* p = bytes.data();
  size_t n = bytes.size();
  for (; n >= 8; p += 8, n -= 8) h = (h ^ Load<uint64_t>(p)) * kMul + (h >> 29);
  if (n > 0) h = (h ^ LoadShortTail(p, n)) * kMul;
  return Mix64(h);
}

// a == b for `n` bytes; short values (most dictionary strings) without a memcmp call.
bool BytesEqual(const char* a, const char* b, size_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) {
    return Load<uint64_t>(a) == Load<uint64_t>(b) &&
           Load<uint64_t>(a + n - 8) == Load<uint64_t>(b + n - 8);
  }
  if (n >= 4) {
    return Load<uint32_t>(a) == Load<uint32_t>(b) &&
           Load<uint32_t>(a + n - 4) == Load<uint32_t>(b + n - 4);
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

// PERF NOTES: FindOrAdd runs for every non-NULL value of every dictionary-encoded column, so it
// is a flat open-addressing table rather than std::unordered_map<std::string, uint32_t>:
// - the keys live once, in the dictionary page body plain_ itself (fixed-width entry i at
//   i * width, byte arrays at offsets_[i]); probing allocates nothing and chases no node;
// - each entry's hash is kept, so a probe compares bytes only on a full 64-bit hash match,
//   and growing never rehashes the values; 4- and 8-byte values skip that: their slots hold
//   the value itself, compared as one machine word (FindOrAddWord);
// - slots are a power of two at most half full, so a lookup is a mask and a short linear scan.
// Indices are assigned in first-seen order, as before, so the pages written are unchanged.
void ValueDictionary::AppendPlainEntry(uint32_t index, std::string* out) const {
  if (fixed_width_ == 0) {
    const uint32_t length = static_cast<uint32_t>(Entry(index).size());
    out->append(reinterpret_cast<const char*>(&length), 4);
  }
  out->append(Entry(index));
}

std::string_view ValueDictionary::Entry(uint32_t i) const {
  if (fixed_width_ > 0) {
    return std::string_view(plain_.data() + static_cast<size_t>(i) * fixed_width_, fixed_width_);
  }
  const uint64_t begin = offsets_[i];
  const uint64_t end = i + 1 < offsets_.size() ? offsets_[i + 1] - 4 : plain_.size();
  return std::string_view(plain_.data() + begin, end - begin);
}

int64_t ValueDictionary::MemoryUsage() const {
  return static_cast<int64_t>(plain_.capacity() + offsets_.capacity() * sizeof(uint64_t) +
                              hashes_.capacity() * sizeof(uint64_t) +
                              slots_.capacity() * sizeof(uint32_t) +
                              word_slots_.capacity() * sizeof(WordSlot));
}

void ValueDictionary::Grow() {
  std::vector<uint32_t> slots(slots_.empty() ? 1024 : slots_.size() * 2, 0);
  const size_t mask = slots.size() - 1;
  for (uint32_t i = 0; i < hashes_.size(); ++i) {
    size_t slot = hashes_[i] & mask;
    while (slots[slot] != 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  }
  slots_ = std::move(slots);
}

void ValueDictionary::GrowWords() {
  std::vector<WordSlot> slots(word_slots_.empty() ? 1024 : word_slots_.size() * 2);
  const size_t mask = slots.size() - 1;
  for (const WordSlot& old : word_slots_) {
    if (old.index_plus_one == 0) continue;
    size_t slot = Mix64(old.value) & mask;
    while (slots[slot].index_plus_one != 0) slot = (slot + 1) & mask;
    slots[slot] = old;
  }
  word_slots_ = std::move(slots);
}

template <typename Word>
uint32_t ValueDictionary::FindOrAddWord(Word value, bool* added) {
  INLET_DCHECK(fixed_width_ == static_cast<int>(sizeof(Word)));
  if (value == last_word_ && size_ > 0) {
    *added = false;
    return last_index_;
  }
  last_word_ = value;
  if ((size_ + 1) * 2 > word_slots_.size()) GrowWords();
  const size_t mask = word_slots_.size() - 1;
  size_t slot = Mix64(value) & mask;
  for (; word_slots_[slot].index_plus_one != 0; slot = (slot + 1) & mask) {
    if (word_slots_[slot].value == value) {
      *added = false;
      last_index_ = word_slots_[slot].index_plus_one - 1;
      return last_index_;
    }
  }
  const uint32_t index = static_cast<uint32_t>(size_++);
  last_index_ = index;
  word_slots_[slot] = WordSlot{value, index + 1};
  plain_.append(reinterpret_cast<const char*>(&value), sizeof(Word));
  *added = true;
  return index;
}

template uint32_t ValueDictionary::FindOrAddWord<uint32_t>(uint32_t, bool*);
template uint32_t ValueDictionary::FindOrAddWord<uint64_t>(uint64_t, bool*);

uint32_t ValueDictionary::FindOrAdd(std::string_view value, bool* added) {
  INLET_DCHECK(fixed_width_ == 0 || value.size() == static_cast<size_t>(fixed_width_));
  // INT32/FLOAT and INT64/DOUBLE values are compared and hashed as one machine word.
  if (fixed_width_ == 4) return FindOrAddWord(Load<uint32_t>(value.data()), added);
  if (fixed_width_ == 8) return FindOrAddWord(Load<uint64_t>(value.data()), added);
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const uint64_t hash = HashBytes(value);
  const size_t mask = slots_.size() - 1;
  size_t slot = hash & mask;
  for (; slots_[slot] != 0; slot = (slot + 1) & mask) {
    const uint32_t index = slots_[slot] - 1;
    if (hashes_[index] != hash) continue;
    const std::string_view entry = Entry(index);
    if (entry.size() == value.size() && BytesEqual(entry.data(), value.data(), value.size())) {
      *added = false;
      return index;
    }
  }
  const uint32_t index = static_cast<uint32_t>(size_++);
  slots_[slot] = index + 1;
  hashes_.push_back(hash);
  if (fixed_width_ == 0) {
    const uint32_t length = static_cast<uint32_t>(value.size());
    plain_.append(reinterpret_cast<const char*>(&length), 4);
    offsets_.push_back(plain_.size());
  }
  plain_.append(value);
  *added = true;
  return index;
}

}  // namespace inlet::parquet
