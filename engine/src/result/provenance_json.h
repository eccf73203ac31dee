#pragma once
// The parts of a result that say under what conditions it was measured, beyond the
// fingerprint: the two sides of a paired suite and the machine-speed probe.

#include <optional>

#include "common/json_cursor.h"
#include "perfgate/result.h"

namespace perfgate {

Json pairing_json(const PairingInfo& pairing);
PairingInfo read_pairing(const JsonCursor& c);

Json probe_json(const MachineProbe& probe);
MachineProbe read_probe(const JsonCursor& c);

}  // namespace perfgate
