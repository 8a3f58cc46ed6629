package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/partnerbook/partnerbook/internal/output"
)

// AssembleConfig is `partnerbook assemble`: the shard folders of one run to combine.
type AssembleConfig struct {
	OutDir   string   // the folder that receives <period>/
	Period   string   // "" = the shards' period; otherwise they must have this one
	Shards   []string // the shard folders, one per shard, in any order
	Progress Progress // nil for none
	Context  context.Context
}

// Assembled is what assemble wrote.
type Assembled struct {
	Period     string
	Shards     int
	Statements int
	Dir        string
	Files      []output.File
}

// shardDir is one shard folder as read back.
type shardDir struct {
	dir   string
	shard Shard
	man   *ShardManifest
	files map[string]output.File // the manifest's outputs by path
}

// Assemble checks that the shard folders are the n parts of one run and writes
// out/<period>/ with the files and the manifest.json that a single run writes. It
// refuses shards of different inputs, a shard given twice or missing, a partner held
// by two shards or by none, and any file whose bytes differ from its shard's manifest.
func Assemble(cfg AssembleConfig) (*Assembled, error) {
	ctx := cfg.Context
	if ctx == nil {
		ctx = context.Background()
	}
	if len(cfg.Shards) == 0 {
		return nil, &UsageError{"assemble: name the shard folders to combine"}
	}
	var shards []*shardDir
	for _, d := range cfg.Shards {
		s, err := readShard(d)
		if err != nil {
			return nil, err
		}
		shards = append(shards, s)
	}
	if err := checkShards(shards, cfg.Period); err != nil {
		return nil, err
	}
	first := shards[0].man
	period := first.Run.Period

	// Which shard writes each file: the shared files must agree byte for byte
	// across shards; a partner's files come from the shard that holds the partner.
	from := map[string]*shardDir{}
	var shared []string
	for _, f := range first.Run.Outputs {
		if _, ok := partnerFile(f.Path); !ok {
			shared = append(shared, f.Path)
		}
	}
	holder := map[string]*shardDir{}
	var ids []string
	for _, s := range shards {
		for _, id := range s.man.Partners {
			if other, dup := holder[id]; dup {
				return nil, fmt.Errorf("%s: partner %q is also in %s: these shards are not of one run", s.dir, id, other.dir)
			}
			if ShardOf(id, s.shard.N) != s.shard.I {
				return nil, fmt.Errorf("%s: partner %q belongs to shard %d/%d, not %s", s.dir, id, ShardOf(id, s.shard.N), s.shard.N, s.shard)
			}
			holder[id] = s
			ids = append(ids, id)
		}
		var sharedHere []string
		for _, f := range s.man.Run.Outputs {
			id, ok := partnerFile(f.Path)
			if !ok {
				sharedHere = append(sharedHere, f.Path)
				continue
			}
			if holder[id] != s {
				return nil, fmt.Errorf("%s: %s is of partner %q, which the shard does not hold", s.dir, f.Path, id)
			}
			from[f.Path] = s
		}
		if !slices.Equal(sharedHere, shared) {
			return nil, fmt.Errorf("%s: its shared files (%s) differ from those of %s (%s)", s.dir,
				strings.Join(sharedHere, ", "), shards[0].dir, strings.Join(shared, ", "))
		}
		for _, p := range shared {
			if s.files[p].SHA256 != shards[0].files[p].SHA256 {
				return nil, fmt.Errorf("%s: %s differs from the one in %s: the shards were not run alike", s.dir, p, shards[0].dir)
			}
		}
	}
	slices.Sort(ids)
	if len(ids) != first.Statements || idsDigest(ids) != first.StatementsDigest {
		return nil, fmt.Errorf("the shards hold %d partner statement(s) but the run has %d: some are missing or were replaced", len(ids), first.Statements)
	}
	for _, id := range ids {
		if _, ok := from["statements/"+id+".pdf"]; !ok {
			return nil, fmt.Errorf("%s: no statements/%s.pdf for partner %q", holder[id].dir, id, id)
		}
	}
	for _, p := range shared {
		from[p] = shards[0]
	}

	// Copy, checking each file against its shard's manifest, then commit.
	dir, err := output.BeginContext(ctx, cfg.OutDir, period)
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			dir.Abort()
		}
	}()
	paths := make([]string, 0, len(from))
	for p := range from {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var add func(int64)
	if cfg.Progress != nil {
		add = cfg.Progress.Counter("copying files", int64(len(paths)))
	}
	for _, p := range paths {
		s := from[p]
		data, err := readChecked(s, s.files[p])
		if err != nil {
			return nil, err
		}
		if err := dir.WriteBytes(p, data); err != nil {
			return nil, err
		}
		if add != nil {
			add(1)
		}
	}
	m := *first.Run
	m.Outputs = dir.Files()
	if err := dir.WriteJSON("manifest.json", &m); err != nil {
		return nil, err
	}
	if err := dir.Commit(); err != nil {
		return nil, err
	}
	committed = true
	return &Assembled{Period: period, Shards: len(shards), Statements: len(ids), Dir: dir.Final(), Files: dir.Files()}, nil
}

// readShard reads a shard folder's manifest and checks that the folder holds exactly
// the files it lists.
func readShard(dir string) (*shardDir, error) {
	data, err := os.ReadFile(filepath.Join(dir, ShardFile))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%s: no %s: not the folder of a run with --shard", dir, ShardFile)
		}
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	var m ShardManifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %s cannot be read: %v", dir, ShardFile, err)
	}
	if m.Run == nil {
		return nil, fmt.Errorf("%s: %s has no run", dir, ShardFile)
	}
	s, err := ParseShard(m.Shard)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: shard %v", dir, ShardFile, err)
	}
	listed := map[string]output.File{}
	for _, f := range m.Run.Outputs {
		if !safePath(f.Path) {
			return nil, fmt.Errorf("%s: %s lists %q, which is outside the folder", dir, ShardFile, f.Path)
		}
		if _, dup := listed[f.Path]; dup {
			return nil, fmt.Errorf("%s: %s lists %q twice", dir, ShardFile, f.Path)
		}
		listed[f.Path] = f
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if _, ok := listed[rel]; rel != ShardFile && !ok {
			return fmt.Errorf("%s: %s is not in %s", dir, rel, ShardFile)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &shardDir{dir: dir, shard: s, man: &m, files: listed}, nil
}

// checkShards checks that the shards are the parts of one run, each once.
func checkShards(shards []*shardDir, period string) error {
	first := shards[0]
	n := first.shard.N
	if len(shards) != n {
		return fmt.Errorf("%s is shard %s: %d shard folder(s) are needed, %d given", first.dir, first.shard, n, len(shards))
	}
	seen := map[int]string{}
	for _, s := range shards {
		if s.shard.N != n {
			return fmt.Errorf("%s is shard %s but %s is shard %s: they split the run differently", s.dir, s.shard, first.dir, first.shard)
		}
		if other, dup := seen[s.shard.I]; dup {
			return fmt.Errorf("%s and %s are both shard %s", other, s.dir, s.shard)
		}
		seen[s.shard.I] = s.dir
		if s.man.Run != nil && first.man.Run != nil && s.man.Run.Templates != first.man.Run.Templates {
			return fmt.Errorf("%s was rendered with other e-mail templates than %s (%s vs %s): its e-mails would mix two wordings; run every shard with the same --templates",
				s.dir, first.dir, templatesName(s.man.Run.Templates), templatesName(first.man.Run.Templates))
		}
		if s.man.InputsDigest != first.man.InputsDigest {
			return fmt.Errorf("%s was run from other inputs or settings than %s (inputs digest %.12s… vs %.12s…)", s.dir, first.dir, s.man.InputsDigest, first.man.InputsDigest)
		}
		if got, err := inputsDigest(s.man.Run); err != nil || got != s.man.InputsDigest {
			return fmt.Errorf("%s: %s does not match its own inputs digest", s.dir, ShardFile)
		}
		if s.man.Statements != first.man.Statements || s.man.StatementsDigest != first.man.StatementsDigest {
			return fmt.Errorf("%s and %s disagree on the partners with a statement", s.dir, first.dir)
		}
	}
	if period != "" && first.man.Run.Period != period {
		return &UsageError{fmt.Sprintf("--period %s: the shards are of period %s", period, first.man.Run.Period)}
	}
	return nil
}

// templatesName names the e-mail templates of a manifest's digest in messages.
func templatesName(digest string) string {
	if digest == "" {
		return "the built-in ones"
	}
	return fmt.Sprintf("templates %.19s…", digest)
}

// partnerFile reports the partner id of statements/<id>.pdf and emails/<id>.eml.
func partnerFile(p string) (string, bool) {
	for _, k := range [][2]string{{"statements/", ".pdf"}, {"emails/", ".eml"}} {
		if rest, ok := strings.CutPrefix(p, k[0]); ok {
			if id, ok := strings.CutSuffix(rest, k[1]); ok && !strings.Contains(id, "/") {
				return id, true
			}
		}
	}
	return "", false
}

func safePath(p string) bool {
	return p != "" && !strings.HasPrefix(p, "/") && !strings.Contains(p, "\\") &&
		path.Clean(p) == p && !strings.HasPrefix(p, "../") && p != ".." && p != ShardFile && p != "manifest.json"
}

// readChecked reads a shard's file and checks it against the shard's manifest.
func readChecked(s *shardDir, f output.File) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(f.Path)))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", s.dir, err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(data)) != f.Size {
		return nil, fmt.Errorf("%s: %s does not match its SHA-256 in %s: the copy is damaged", s.dir, f.Path, ShardFile)
	}
	return data, nil
}
