/* bcryptprimitives.dll for Wine 8 (Debian 12), which lacks it, so that .ci/dist can run gongshi.exe:
 * Rust's standard library asks Windows 10 and later for random numbers with ProcessPrng, from
 * this DLL, which every such Windows ships. This shim answers with RtlGenRandom (advapi32), which
 * Wine has. It is used only beside the exe in the check's scratch folder, never shipped.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll tools/wine-bcryptprimitives.c -ladvapi32
 */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size > 0) {
        ULONG n = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!RtlGenRandom(data, n)) return FALSE;
        data += n;
        size -= n;
    }
    return TRUE;
}
