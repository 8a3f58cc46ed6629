package domain

import "testing"

func TestValidWords(t *testing.T) {
	for _, c := range []struct {
		name  string
		valid bool
		want  bool
	}{
		{"co-marketing is a partner type", PartnerType("co-marketing").Valid(), true},
		{"a type is spelled exactly", PartnerType("Co-Marketing").Valid(), false},
		{"empty is no type", PartnerType("").Valid(), false},
		{"paused is a status", PartnerStatus("paused").Valid(), true},
		{"after-hold is a pay_on", PayOn("after-hold").Valid(), true},
		{"yearly is no settle", Settle("yearly").Valid(), false},
		{"first-touch is a lead_owner", LeadOwner("first-touch").Valid(), true},
	} {
		if c.valid != c.want {
			t.Errorf("%s: Valid = %v", c.name, c.valid)
		}
	}
}
