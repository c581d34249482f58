using System.Text;

namespace Mesh.Libp2p.Protobuf;

/// <summary>UTF-8 that throws on invalid bytes instead of substituting, for decoding untrusted input.</summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string GetString(ReadOnlySpan<byte> bytes) => Encoding.GetString(bytes);
}
