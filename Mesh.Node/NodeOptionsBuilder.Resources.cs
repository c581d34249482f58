using Mesh.Core.Policy;
using Mesh.Core.Remote.Guests;
using Mesh.Core.Resources;

namespace Mesh.Node;

/// <summary>The resource and policy settings of <see cref="NodeOptionsBuilder"/>.</summary>
public static partial class NodeOptionsBuilder
{
    private static void ApplyResourceSetting(NodeOptions options, string name, RawSetting setting)
    {
        var origin = setting.Origin.ToString();
        string? error;
        switch (name)
        {
            case NodeSettingNames.Capacity:
                options.CapacityOverride = ResourceSpec.TryParse(setting.Value, out var capacity, out error) ? capacity : throw new OptionsException(origin, error!);
                break;
            case NodeSettingNames.Reserve:
                options.Reserve = ResourceSpec.TryParse(setting.Value, out var reserve, out error) ? reserve : throw new OptionsException(origin, error!);
                break;
            case NodeSettingNames.Preempt:
                options.Preemption.Mode = setting.Value.Trim().ToUpperInvariant() switch
                {
                    "SUSPEND" => GuestPreemptionMode.Suspend,
                    "THROTTLE" => GuestPreemptionMode.Throttle,
                    "EVICT" => GuestPreemptionMode.Evict,
                    _ => throw new OptionsException(origin, $"'{setting.Value}' is not a preemption mode (use suspend, throttle or evict)"),
                };
                break;
            case NodeSettingNames.EvictAfter:
                options.Preemption.EvictAfter = ParseDuration(setting);
                break;
            case NodeSettingNames.GuestLimit:
                options.GuestLimit = ResourceSpec.TryParse(setting.Value, out var limit, out error) ? limit : throw new OptionsException(origin, error!);
                break;
            case NodeSettingNames.Share:
                options.Share = ResourceShare.TryParse(setting.Value, out var share, out error) ? share : throw new OptionsException(origin, error!);
                break;
            case NodeSettingNames.Policy:
                options.Policy.Kind = setting.Value.Trim().ToUpperInvariant() switch
                {
                    "STATIC" => SurplusPolicyKind.Static,
                    "DYNAMIC" => SurplusPolicyKind.Dynamic,
                    "PREDICTIVE" => SurplusPolicyKind.Predictive,
                    _ => throw new OptionsException(origin, $"'{setting.Value}' is not a policy (use static, dynamic or predictive)"),
                };
                break;
            case NodeSettingNames.Headroom:
                if (!ResourceSpec.TryParse(setting.Value, out var headroom, out error))
                {
                    throw new OptionsException(origin, error!);
                }

                if (headroom.Disk is not null || headroom.Gpu is not null)
                {
                    throw new OptionsException(origin, "headroom applies to cpu and mem only");
                }

                options.Policy.Headroom = headroom.ApplyTo(options.Policy.Headroom);
                break;
            case NodeSettingNames.ProbeInterval:
                options.ProbeInterval = ParseDuration(setting);
                break;
            case NodeSettingNames.RiseSmoothing:
                options.Policy.RiseSmoothing = ParseDuration(setting);
                break;
            case NodeSettingNames.FallSmoothing:
                options.Policy.FallSmoothing = ParseDuration(setting);
                break;
            case NodeSettingNames.HoldTime:
                options.Policy.HoldTime = ParseDuration(setting);
                break;
            case NodeSettingNames.ForecastHorizon:
                options.Policy.ForecastHorizon = ParseDuration(setting);
                break;
            default:
                throw new OptionsException(origin, "is not a setting of mesh-node");
        }
    }

    private static TimeSpan ParseDuration(RawSetting setting) =>
        DurationText.TryParse(setting.Value, out var duration, out var error) ? duration : throw new OptionsException(setting.Origin.ToString(), error!);
}
