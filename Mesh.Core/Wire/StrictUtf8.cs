using System.Text;

namespace Mesh.Core.Wire;

/// <summary>UTF-8 that throws on invalid bytes instead of replacing them, so a peer's bad text is refused, not altered.</summary>
internal static class StrictUtf8
{
    /// <summary>The strict encoding: no byte order mark, <see cref="DecoderFallbackException"/> on invalid bytes.</summary>
    public static UTF8Encoding Encoding { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
