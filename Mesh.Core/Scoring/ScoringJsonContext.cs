using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Core.Scoring;

/// <summary>Source-generated JSON for <c>score.json</c>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ScoreCacheDocument))]
internal sealed partial class ScoringJsonContext : JsonSerializerContext;
