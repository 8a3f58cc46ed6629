package domain

import "strings"

// lineText holds the text of a ledger's line IDs end to end in a few large blocks, so
// a year of months of IDs is not millions of separately allocated strings, each with
// its header kept beside it. An ID is found by where it starts (at) and its length.
type lineText struct {
	blocks []string         // blocks[i] is all the text written to block i so far
	cur    *strings.Builder // the block being written: the last of blocks
	limit  int              // how much cur may hold: at most textBlockSize, within its capacity
	next   int              // the size of the block after a trimmed one
	long   []string         // IDs kept on their own: at is their index here
}

const (
	textBlockBits  = 20                 // an ID's place in its block takes the low 20 bits of at
	textBlockSize  = 1 << textBlockBits // a block holds at most 1 MiB
	textFirstBlock = 4 << 10            // the first block's size: each next one doubles, up to textBlockSize
	// longID is the length recorded for an ID kept in lineText.long: one of 65,535
	// bytes or more, or any once every block is full.
	longID = 1<<16 - 1
)

// textMaxBlocks is how many blocks an at of 32 bits can name (4 GiB of IDs); a
// variable so that a test can reach it.
var textMaxBlocks = 1 << (32 - textBlockBits)

// add keeps id and says where it is: at, n for text's get.
func (t *lineText) add(id string) (at uint32, n uint16) {
	if len(id) >= longID {
		return t.addLong(id)
	}
	if t.cur == nil || t.cur.Len()+len(id) > t.limit {
		if len(t.blocks) == textMaxBlocks {
			return t.addLong(id)
		}
		size := max(t.next, textFirstBlock)
		if t.cur != nil {
			size = min(2*t.limit, textBlockSize)
		}
		t.limit = max(size, len(id))
		t.cur = new(strings.Builder)
		t.cur.Grow(t.limit)
		t.blocks = append(t.blocks, "")
	}
	// A Builder only ever appends: what String gave before stays as it was, so every
	// ID cut from a block stays valid as the block grows (within its capacity: it is
	// never grown beyond it).
	pos := t.cur.Len()
	t.cur.WriteString(id)
	last := len(t.blocks) - 1
	t.blocks[last] = t.cur.String()
	return uint32(last<<textBlockBits | pos), uint16(len(id))
}

// trim lets go of the room left in the block being written: a copy of exactly its text
// takes its place, and the next ID begins a new block. An ID cut from the block before
// stays valid, and keeps the block alive for as long as it is held.
func (t *lineText) trim() {
	if t.cur == nil {
		return
	}
	if last := len(t.blocks) - 1; t.cur.Len() < t.limit {
		t.blocks[last] = strings.Clone(t.blocks[last])
	}
	t.next, t.cur = min(2*t.limit, textBlockSize), nil
}

func (t *lineText) addLong(id string) (at uint32, n uint16) {
	t.long = append(t.long, strings.Clone(id))
	return uint32(len(t.long) - 1), longID
}

// get is the ID add kept at at, n.
func (t *lineText) get(at uint32, n uint16) string {
	if n == longID {
		return t.long[at]
	}
	b := t.blocks[at>>textBlockBits]
	pos := int(at & (textBlockSize - 1))
	return b[pos : pos+int(n)]
}
