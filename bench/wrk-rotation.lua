-- bench/wrk.lua, but each request asks for the next path of a file (wrk ... -- FILE), one path a
-- line, from a random place in it: pages none of whose kept parts are there yet.
dofile("bench/wrk.lua")

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  position = math.random(#paths)
end

function request()
  position = position % #paths + 1
  return wrk.format(nil, paths[position])
end
