package web

// StatusColours lets the accessibility tests measure the chart palette.
var StatusColours = statusColours
