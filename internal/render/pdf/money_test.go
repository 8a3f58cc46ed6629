package pdf

import "testing"

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		amount, cur string
		places      int
		want        string
	}{
		{"12345.5", "USD", 2, "$12,345.50"},
		{"12345.5", "usd", 2, "$12,345.50"},
		{"-1234.5", "USD", 2, "-$1,234.50"},
		{"1234.5", "EUR", 2, "€1,234.50"},
		{"-1234.5", "EUR", 2, "-€1,234.50"},
		{"1234.5", "GBP", 2, "£1,234.50"},
		{"1234.5", "CHF", 2, "1,234.50 CHF"},
		{"-1234.5", "CHF", 2, "-1,234.50 CHF"},
		{"1234.5", "", 2, "1,234.50"},
		{"0", "USD", 2, "$0.00"},
		{"0.5", "USD", 2, "$0.50"},
		{"-0.00", "USD", 2, "$0.00"},
		{"-0", "CHF", 2, "0.00 CHF"},
		{"+7", "USD", 2, "$7.00"},
		{"007.10", "USD", 2, "$7.10"},
		{"999", "USD", 2, "$999.00"},
		{"1000", "USD", 2, "$1,000.00"},
		{"100000", "USD", 2, "$100,000.00"},
		{"1234567.891", "USD", 3, "$1,234,567.891"},
		{"12345678901234567890.12", "USD", 2, "$12,345,678,901,234,567,890.12"},
		{"1234.5000", "USD", 2, "$1,234.50"},
		{"1500", "JPY", 0, "1,500 JPY"},
		{"1500.00", "JPY", 0, "1,500 JPY"},
		{"-0.01", "USD", 2, "-$0.01"},
	}
	for _, tt := range tests {
		got, err := FormatMoney(tt.amount, tt.cur, tt.places)
		if err != nil || got != tt.want {
			t.Errorf("FormatMoney(%q, %q, %d) = %q, %v; want %q", tt.amount, tt.cur, tt.places, got, err, tt.want)
		}
	}
}

func TestFormatMoneyRejects(t *testing.T) {
	tests := []struct {
		amount, cur string
		places      int
	}{
		{"", "USD", 2},
		{"-", "USD", 2},
		{".5", "USD", 2},
		{"5.", "USD", 2},
		{"1,234.50", "USD", 2},
		{"1e3", "USD", 2},
		{" 12", "USD", 2},
		{"12.345", "USD", 2}, // not rounded: refuse rather than round silently
		{"--1", "USD", 2},
		{"1.2.3", "USD", 2},
		{"NaN", "USD", 2},
		{"12", "US", 2},
		{"12", "US$", 2},
		{"12", "USD", -1},
	}
	for _, tt := range tests {
		if got, err := FormatMoney(tt.amount, tt.cur, tt.places); err == nil {
			t.Errorf("FormatMoney(%q, %q, %d) = %q, want error", tt.amount, tt.cur, tt.places, got)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in     string
		places int
		want   string
	}{
		{"-1234567", 0, "-1,234,567"},
		{"12.5", 1, "12.5"},
		{"12.5", 3, "12.500"},
		{"0", 0, "0"},
		{"123", 0, "123"},
		{"1234", 0, "1,234"},
	}
	for _, tt := range tests {
		got, err := FormatNumber(tt.in, tt.places)
		if err != nil || got != tt.want {
			t.Errorf("FormatNumber(%q, %d) = %q, %v; want %q", tt.in, tt.places, got, err, tt.want)
		}
	}
}
