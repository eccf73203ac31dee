#pragma once
// The parts of a result that say under what conditions it was measured, beyond the
// fingerprint: the two sides of a paired suite and the machine-speed probe.

#include <optional>

#include "common/json_cursor.h"
#include "perfgate/result.h"

namespace perfgate {

Json to_json(const PairingInfo& pairing);
PairingInfo pairing_from_json(const JsonCursor& c);

Json to_json(const MachineProbe& probe);
MachineProbe probe_from_json(const JsonCursor& c);

}  // namespace perfgate
