-- Runs Prosody's own util/x509.lua verify_identity (as installed, or from
-- $PROSODY_LIB) on a PEM certificate: arguments are the file, then pairs of
-- host and service; prints "true" or "false" per pair.
local lib = os.getenv("PROSODY_LIB") or "/usr/lib/prosody"
package.path = lib .. "/?.lua;" .. package.path
package.cpath = lib .. "/?.so;" .. package.cpath
local x509 = require "util.x509"
local ssl = require "ssl"
local f = assert(io.open(arg[1], "rb"))
local pem = f:read("*a")
f:close()
local cert = assert(ssl.loadcertificate(pem))
for i = 2, #arg, 2 do
	io.write(tostring(x509.verify_identity(arg[i], arg[i + 1], cert) == true), "\n")
end
