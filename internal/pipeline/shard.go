package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"github.com/partnerbook/partnerbook/internal/output"
	"github.com/partnerbook/partnerbook/internal/report"
)

// ShardFile is the manifest a sharded run writes instead of manifest.json.
const ShardFile = "shard-manifest.json"

// Shard is one part of a run split across machines: index I of N (0 <= I < N).
// The zero Shard is an unsharded run.
//
// A partner belongs to shard FNV-1a-32(partner id as UTF-8) mod N, so a partner's
// statement and e-mail land in the same shard on every machine and every run.
type Shard struct{ I, N int }

// ParseShard reads "i/n", e.g. "0/3" (the first of three).
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("%q is not i/n (e.g. 0/3 for the first of three shards)", s)
	}
	if n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("%q: the shard index must be from 0 to n-1 and n at least 1", s)
	}
	return Shard{I: i, N: n}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.I, s.N) }

// Sharded reports whether s is part of a split run.
func (s Shard) Sharded() bool { return s.N > 0 }

// Folder is the name of the shard's folder for a period: 2026-10.shard-1-of-3, or
// the period itself for an unsharded run.
func (s Shard) Folder(period string) string {
	if !s.Sharded() {
		return period
	}
	return fmt.Sprintf("%s.shard-%d-of-%d", period, s.I, s.N)
}

// ShardOf is the shard index of a partner id among n shards: FNV-1a (32 bit) of the
// id's bytes, mod n.
func ShardOf(partnerID string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(partnerID))
	return int(h.Sum32() % uint32(n))
}

// Holds reports whether the shard writes the partner's statement and e-mail.
func (s Shard) Holds(partnerID string) bool {
	return !s.Sharded() || ShardOf(partnerID, s.N) == s.I
}

// mine is the statements of the shard's partners among all.
func (s Shard) mine(all *report.Statements) statementSource {
	if !s.Sharded() {
		return all
	}
	c := shardStatements{all: all}
	for i := range all.Len() {
		if s.Holds(all.Partner(i).ID) {
			c.idx = append(c.idx, i)
		}
	}
	return c
}

// shardStatements are some of a run's statements.
type shardStatements struct {
	all *report.Statements
	idx []int
}

func (c shardStatements) Len() int                          { return len(c.idx) }
func (c shardStatements) Statement(i int) *report.Statement { return c.all.Statement(c.idx[i]) }

// statementIDs are the ids of the partners with a statement, in statement order.
func statementIDs(sts *report.Statements) []string {
	ids := make([]string, sts.Len())
	for i := range ids {
		ids[i] = sts.Partner(i).ID
	}
	return ids
}

// ShardManifest is shard-manifest.json: what one shard holds and what it was run from.
type ShardManifest struct {
	Shard string `json:"shard"` // "i/n"
	// InputsDigest is the SHA-256 of the run's manifest without its outputs (program,
	// version, period, as-of, currency, rounding, strictness and every input's hash):
	// shards of different inputs or settings have different digests.
	InputsDigest string `json:"inputs_digest"`
	// Statements is how many partners have a statement in the whole run, and
	// StatementsDigest the SHA-256 of their ids, sorted, one per line: assemble checks
	// the union of the shards against both.
	Statements       int      `json:"statements"`
	StatementsDigest string   `json:"statements_digest"`
	Partners         []string `json:"partners"` // the partners whose statements this shard holds, sorted
	// Run is the manifest.json a single run would write, with this shard's files as
	// its outputs.
	Run *Manifest `json:"run"`
}

// inputsDigest hashes the manifest's settings and inputs, never its outputs.
func inputsDigest(m *Manifest) (string, error) {
	c := *m
	c.Outputs = nil
	data, err := json.Marshal(&c)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// idsDigest is the SHA-256 of sorted ids, one per line.
func idsDigest(sorted []string) string {
	h := sha256.New()
	for _, id := range sorted {
		h.Write([]byte(id + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// shardManifest describes what shard s wrote, given the ids of the whole run's
// statements.
func shardManifest(s Shard, m *Manifest, all []string, files []output.File) (*ShardManifest, error) {
	digest, err := inputsDigest(m)
	if err != nil {
		return nil, err
	}
	ids := slices.Clone(all)
	mine := []string{}
	for _, id := range all {
		if s.Holds(id) {
			mine = append(mine, id)
		}
	}
	slices.Sort(ids)
	slices.Sort(mine)
	run := *m
	run.Outputs = files
	return &ShardManifest{Shard: s.String(), InputsDigest: digest, Statements: len(ids),
		StatementsDigest: idsDigest(ids), Partners: mine, Run: &run}, nil
}

// writeManifest writes manifest.json, or for a shard shard-manifest.json, which
// assemble turns into the manifest.json of the whole run. ids are the partners with a
// statement in the whole run.
func writeManifest(d *output.Dir, s Shard, m *Manifest, ids []string) error {
	if !s.Sharded() {
		return d.WriteJSON("manifest.json", m)
	}
	sm, err := shardManifest(s, m, ids, d.Files())
	if err != nil {
		return err
	}
	return d.WriteJSON(ShardFile, sm)
}
