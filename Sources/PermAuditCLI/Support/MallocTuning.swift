#if os(Linux)
import CMalloc
#endif

/// glibc's threshold above which an allocation is mapped on its own, fixed by the commands that import. Left to
/// adjust itself, it rises with the first large array freed, and a first import of two million grants then
/// peaked anywhere from 259 to 303 MB from one run to the next (blocks freed inside the heap kept their pages);
/// fixed at 128 KB, at 252 MB each time, as fast. Not for the other commands: a report's gigabyte of JSON,
/// each piece mapped and faulted in anew, took 2.3 s instead of 0.9.
enum MallocTuning {
    static func fixMappingThresholdForImport() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        #endif
    }
}
