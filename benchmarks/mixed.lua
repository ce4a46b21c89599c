-- wrk script for benchmarks/load.sh: mixed traffic that makes the app work. Most requests ask
-- for a view nobody asked before (a search text no cache holds), the rest for cached pages.
local paths = {"/land/BY", "/daten/massnahmen.csv", "/?land=BY", "/massnahme/by-meisterbonus"}
local counter = 0
request = function()
  counter = counter + 1
  if counter % 4 == 0 then
    return wrk.format("GET", paths[(counter / 4) % #paths + 1])
  end
  return wrk.format("GET", "/?land=BY&q=" .. counter .. "-" .. math.random(1000000))
end
