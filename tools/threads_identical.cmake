# cmake -DCLI=path/to/cskpi -DDATA=sample-folder -P threads_identical.cmake
# Runs one report over every sample file with 1, 2, 3 and 8 threads and fails unless the JSON
# of every run is byte-identical to the one-thread run.
set(args report --format json --tz Europe/Rome --by channel --by month --by channel,week --by agent
    --by team,day --by product,month --by hour_of_week
    --interactions ${DATA}/interactions.csv --surveys ${DATA}/surveys.jsonl
    --events ${DATA}/interaction_events.csv --customers ${DATA}/customer_events.csv
    --agents ${DATA}/agent_events.csv)
foreach(threads 1 2 3 8)
  execute_process(COMMAND ${CLI} ${args} --threads ${threads} --output ${DATA}/threads-${threads}.json
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "cskpi report --threads ${threads} failed (${status})")
  endif()
endforeach()
foreach(threads 2 3 8)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${DATA}/threads-1.json ${DATA}/threads-${threads}.json
                  RESULT_VARIABLE differs)
  if(NOT differs EQUAL 0)
    message(FATAL_ERROR "the report with ${threads} threads differs from the one with 1 thread")
  endif()
endforeach()
message(STATUS "1, 2, 3 and 8 threads: byte-identical reports")
