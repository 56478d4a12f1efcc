#include <iostream>

int main() {
    std::cout << "sopaudit " << SOPAUDIT_VERSION << "\n";
    return 0;
}
