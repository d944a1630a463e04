package adultwork

// Version is this package's version; the User-Agent says adultwork-go/<Version>.
const Version = "0.1.0"

const userAgent = "adultwork-go/" + Version
