// Package html renders partnerbook dashboards as single self-contained HTML
// files whose echarts charts draw offline, with all report data escaped so a
// hostile partner name can never become markup or script.
package html
