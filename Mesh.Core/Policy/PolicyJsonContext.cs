using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Core.Policy;

/// <summary>Source-generated JSON for the policy's files.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(UsageHistoryDocument))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
